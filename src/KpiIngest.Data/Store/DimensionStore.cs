using KpiIngest.Core.Indicators;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>kpi_unit, kpi_catalog, kpi_indicator and kpi_target: replaced whole, as last read or configured.</summary>
public sealed class DimensionStore(StoreCommands store)
{
    public void ReplaceUnits(IEnumerable<Unit> units)
    {
        store.Write(store.Dialect.Sql("DeleteUnits"));
        store.Write(
            store.Dialect.Sql("InsertUnit"),
            units.Select(u => new
            {
                u.UnitId,
                u.ParentId,
                u.Name,
                u.Level,
                ActiveFrom = store.Dialect.Day(u.ActiveFrom),
                ActiveTo = store.Dialect.Day(u.ActiveTo),
            }));
    }

    public void ReplaceCatalog(IEnumerable<CatalogPair> pairs)
    {
        store.Write(store.Dialect.Sql("DeleteCatalog"));
        store.Write(store.Dialect.Sql("InsertCatalogPair"), pairs);
    }

    public void ReplaceIndicators()
    {
        store.Write(store.Dialect.Sql("DeleteIndicators"));
        store.Write(store.Dialect.Sql("InsertIndicator"), IndicatorCatalog.All);
    }

    public void ReplaceTargets(TargetBook book)
    {
        store.Write(store.Dialect.Sql("DeleteTargets"));
        var rows = new List<object>();
        foreach (var set in book.Sets)
        {
            var from = store.Dialect.Day(set.EffectiveFrom);
            rows.AddRange(set.Default.Select(t => Row(from, set.Source, t.Key, null, null, t.Value)));
            rows.AddRange(set.Levels.SelectMany(l => l.Value.Select(t => Row(from, set.Source, t.Key, l.Key, null, t.Value))));
            rows.AddRange(set.Units.SelectMany(u => u.Value.Select(t => Row(from, set.Source, t.Key, null, u.Key, t.Value))));
        }

        store.Write(store.Dialect.Sql("InsertTarget"), rows);

        static object Row(StoreParameter from, string source, IndicatorCode code, int? level, string? unitId, decimal target) =>
            new { from, source, indicator = code.Text(), level, unitId, target };
    }

    public IReadOnlyList<Unit> LoadUnits() =>
        [.. store.Query<UnitRow>(store.Dialect.Sql("LoadUnits"))
            .Select(u => new Unit(u.UnitId, u.ParentId, u.Name, (int)StoreValue.Number(u.Level),
                StoreValue.NullableDay(u.ActiveFrom), StoreValue.NullableDay(u.ActiveTo)))];

    public IReadOnlyList<CatalogPair> LoadCatalog()
    {
        var pairs = new List<CatalogPair>();
        using var reader = store.Reader(store.Dialect.Sql("LoadCatalog"));
        while (reader.Read())
        {
            pairs.Add(new CatalogPair(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), (int)StoreValue.Number(reader.GetValue(3)),
                StoreValue.Bool(reader.GetValue(4)), StoreValue.Bool(reader.GetValue(5)), StoreValue.Bool(reader.GetValue(6)),
                StoreValue.Bool(reader.GetValue(7))));
        }

        return pairs;
    }

    private sealed class UnitRow
    {
        public string UnitId { get; init; } = "";
        public string? ParentId { get; init; }
        public string Name { get; init; } = "";
        public object Level { get; init; } = 0L;
        public object? ActiveFrom { get; init; }
        public object? ActiveTo { get; init; }
    }
}
