namespace KpiIngest.Core.Source;

/// <summary>The three relations and their columns, in order, that source-contract.md defines.</summary>
public static class SourceContract
{
    public const string Units = "src_unit";
    public const string Procedures = "src_procedure";
    public const string Dossiers = "src_dossier";

    public static IReadOnlyList<string> UnitColumns { get; } =
        ["unit_id", "parent_id", "name", "level", "active_from", "active_to"];

    public static IReadOnlyList<string> ProcedureColumns { get; } =
        ["unit_id", "procedure_code", "procedure_name", "online_mode", "has_fee", "online_payment", "requires_result"];

    public static IReadOnlyList<string> DossierColumns { get; } =
    [
        "dossier_id", "dossier_code", "unit_id", "procedure_code", "channel", "status", "received_at", "due_at",
        "resolved_at", "fee_amount", "paid_online", "digitized", "e_result", "reused_data", "updated_at",
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Relations { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [SourceContract.Units] = UnitColumns,
            [SourceContract.Procedures] = ProcedureColumns,
            [SourceContract.Dossiers] = DossierColumns,
        };

    /// <summary>The relations or columns missing from what the source offers, as "relation.column" or "relation".</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, IReadOnlySet<string>?> offered)
    {
        var missing = new List<string>();
        foreach (var (relation, columns) in Relations)
        {
            if (!offered.TryGetValue(relation, out var present) || present is null)
            {
                missing.Add(relation);
                continue;
            }

            missing.AddRange(columns.Where(c => !present.Contains(c)).Select(c => $"{relation}.{c}"));
        }

        return missing;
    }
}

/// <summary>The source does not offer the contract (a relation or column missing): the run fails, writing no figure.</summary>
public sealed class SourceContractException(string message) : Exception(message);
