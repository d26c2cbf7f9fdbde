namespace KpiIngest.Core.Source;

/// <summary>A src_unit row exactly as the driver returned it, before any check (null for SQL NULL).</summary>
public sealed record RawUnit(object? UnitId, object? ParentId, object? Name, object? Level, object? ActiveFrom, object? ActiveTo);

/// <summary>A src_procedure row exactly as the driver returned it (optional columns null when the view lacks them).</summary>
public sealed record RawProcedure(
    object? UnitId,
    object? ProcedureCode,
    object? ProcedureName,
    object? OnlineMode,
    object? HasFee,
    object? OnlinePayment,
    object? RequiresResult,
    object? CitizenSubject = null);

/// <summary>A src_dossier row exactly as the driver returned it: any column may hold anything; optional columns the view lacks are null.</summary>
public sealed record RawDossier(
    object? DossierId,
    object? DossierCode,
    object? UnitId,
    object? ProcedureCode,
    object? Channel,
    object? Status,
    object? ReceivedAt,
    object? DueAt,
    object? ResolvedAt,
    object? FeeAmount,
    object? PaidOnline,
    object? Digitized,
    object? EResult,
    object? ReusedData,
    object? UpdatedAt,
    object? SyncedToPortal = null,
    object? ComplaintOrDislike = null,
    object? FromPersonalStorage = null,
    object? CitizenDataUsed = null);
