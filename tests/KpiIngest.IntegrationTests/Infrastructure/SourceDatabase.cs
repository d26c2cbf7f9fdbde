using KpiIngest.Data;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// Where a test province's three contract relations live, and how rows get there: what the CLI's Source section
/// points at (<see cref="Provider"/>, <see cref="ConnectionString"/>, <see cref="Schema"/>). Rows are given as
/// the contract states them (<see cref="UnitRow"/>, <see cref="ProcedureRow"/>, <see cref="DossierRow"/>, times as
/// text); each source stores them in its engine's own types.
/// </summary>
public interface ISourceDatabase : IDisposable
{
    /// <summary>Source:Provider.</summary>
    DbEngine Provider { get; }

    /// <summary>Source:ConnectionString: the login the CLI reads with.</summary>
    string ConnectionString { get; }

    /// <summary>Source:Schema, or null for the provider's default.</summary>
    string? Schema { get; }

    void AddUnits(IEnumerable<UnitRow> units);

    void UpdateUnit(UnitRow unit);

    void AddProcedures(IEnumerable<ProcedureRow> procedures);

    void UpdateProcedure(ProcedureRow procedure);

    void AddDossiers(IEnumerable<DossierRow> dossiers);

    /// <summary>Rewrites every column of the dossier(s) with this dossier_id; the caller moves updated_at forward.</summary>
    void UpdateDossier(DossierRow dossier);

    void DeleteDossier(string dossierId);

    /// <summary>Any other change, in the engine's own SQL and parameter syntax.</summary>
    int Execute(string sql, params (string Name, object? Value)[] parameters);
}

/// <summary>The contract's columns of src_dossier, in contract order, and the values a <see cref="DossierRow"/> gives them.</summary>
public static class DossierColumns
{
    public static readonly IReadOnlyList<string> All =
    [
        "dossier_id", "dossier_code", "unit_id", "procedure_code", "channel", "status", "received_at", "due_at",
        "resolved_at", "fee_amount", "paid_online", "digitized", "e_result", "reused_data", "updated_at",
    ];

    public static readonly IReadOnlySet<string> Timestamps = new HashSet<string>(StringComparer.Ordinal)
    {
        "received_at", "due_at", "resolved_at", "updated_at",
    };

    /// <summary>The row's value for each column, times still as text, dossier_code defaulted.</summary>
    public static IReadOnlyDictionary<string, object?> Values(DossierRow d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["dossier_id"] = d.DossierId,
            ["dossier_code"] = d.DossierCode ?? DefaultCode(d.DossierId),
            ["unit_id"] = d.UnitId,
            ["procedure_code"] = d.ProcedureCode,
            ["channel"] = d.Channel,
            ["status"] = d.Status,
            ["received_at"] = d.ReceivedAt,
            ["due_at"] = d.DueAt,
            ["resolved_at"] = d.ResolvedAt,
            ["fee_amount"] = d.FeeAmount,
            ["paid_online"] = d.PaidOnline,
            ["digitized"] = d.Digitized,
            ["e_result"] = d.EResult,
            ["reused_data"] = d.ReusedData,
            ["updated_at"] = d.UpdatedAt,
        };
    }

    private static string DefaultCode(string dossierId)
    {
        var code = "HS-" + dossierId;
        return code.Length <= 64 ? code : code[..64];
    }
}
