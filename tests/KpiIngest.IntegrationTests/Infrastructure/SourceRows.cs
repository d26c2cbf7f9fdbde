namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>A row of <c>src_unit</c> (source-contract.md). Dates are <c>YYYY-MM-DD</c> text.</summary>
public sealed record UnitRow(string UnitId, string Name, int Level)
{
    public string? ParentId { get; init; }
    public string? ActiveFrom { get; init; }
    public string? ActiveTo { get; init; }
}

/// <summary>A catalog pair: a row of <c>src_procedure</c>.</summary>
public sealed record ProcedureRow(string UnitId, string ProcedureCode, int OnlineMode)
{
    public string? ProcedureName { get; init; }
    public int HasFee { get; init; }
    public int OnlinePayment { get; init; }
    public int RequiresResult { get; init; } = 1;
}

/// <summary>
/// A row of <c>src_dossier</c>, with defaults so a test states only what matters to it: an in-person (channel 1)
/// dossier in status 2 (received) on 10 April 2024 08:00 local, no fee, every flag 0. Datetimes are text exactly as
/// the source holds them (local, or with an offset); <see cref="UpdatedAt"/> is always <c>YYYY-MM-DD HH:MM:SS</c>.
/// </summary>
public sealed record DossierRow(string DossierId, string UnitId, string ProcedureCode)
{
    public const string DefaultUpdatedAt = "2024-05-01 08:00:00";

    /// <summary>Null means "HS-" + <see cref="DossierId"/>, cut to the contract's 64 characters.</summary>
    public string? DossierCode { get; init; }

    public int Channel { get; init; } = 1;
    public int Status { get; init; } = 2;
    public string? ReceivedAt { get; init; } = "2024-04-10 08:00:00";
    public string? DueAt { get; init; }
    public string? ResolvedAt { get; init; }
    public decimal? FeeAmount { get; init; }
    public int PaidOnline { get; init; }
    public int Digitized { get; init; }
    public int EResult { get; init; }
    public int ReusedData { get; init; }
    public string UpdatedAt { get; init; } = DefaultUpdatedAt;
}

/// <summary>Which contract relations and columns a test source lacks, or how its keys are declared.</summary>
public sealed record SourceShape
{
    public static readonly SourceShape Contract = new();

    /// <summary>False leaves <c>dossier_id</c> without a key constraint, so a test can insert a duplicate.</summary>
    public bool DossierIdIsPrimaryKey { get; init; } = true;

    public IReadOnlyCollection<string> MissingDossierColumns { get; init; } = [];

    public IReadOnlyCollection<string> MissingRelations { get; init; } = [];
}
