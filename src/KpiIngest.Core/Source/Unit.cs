namespace KpiIngest.Core.Source;

/// <summary>A reporting unit from src_unit that passed the contract's checks.</summary>
public sealed record Unit(string UnitId, string? ParentId, string Name, int Level, DateOnly? ActiveFrom, DateOnly? ActiveTo)
{
    /// <summary>True when the unit exists on at least one day of [from, to].</summary>
    public bool IsActiveDuring(DateOnly from, DateOnly to) =>
        (ActiveFrom ?? DateOnly.MinValue) <= to && (ActiveTo ?? DateOnly.MaxValue) >= from;
}

/// <summary>One catalog pair from src_procedure: a unit offering a procedure, and how.</summary>
public sealed record CatalogPair(
    string UnitId,
    string ProcedureCode,
    string ProcedureName,
    int OnlineMode,
    bool HasFee,
    bool OnlinePayment,
    bool RequiresResult,
    bool CitizenSubject = false)
{
    public PairKey Key => new(UnitId, ProcedureCode);

    /// <summary>Counted by ONLINE_SERVICE_USED: offered partly (3) or fully (4) online.</summary>
    public bool IsOnlineService => OnlineMode is 3 or 4;

    /// <summary>Counted by ONLINE_PAYMENT_USED: a fee, and online payment offered for it.</summary>
    public bool OffersOnlinePayment => OnlinePayment && HasFee;

    public bool IsFullyOnline => OnlineMode == 4;
}

/// <summary>A (unit, procedure) pair; unit ids and codes compare ordinally.</summary>
public readonly record struct PairKey(string UnitId, string ProcedureCode);
