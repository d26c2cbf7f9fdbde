namespace KpiIngest.Data.Store.Dialects;

/// <summary>The neutral column types a bulk insert carries; each dialect maps them to its own.</summary>
public enum StoreType
{
    Text,
    SmallNumber,
    Count,
    Day,
    Utc,
    Local,
    Percentage,
    Flag,
}

public sealed record StoreColumn(string Name, StoreType Type);

/// <summary>
/// A session's temporary table into which a page of rows is bulk-loaded, so that one set-based statement then
/// applies the page (design.md: the hot path is where each engine's bulk path pays).
/// </summary>
public sealed record StageTable(string Name, IReadOnlyList<StoreColumn> Columns);
