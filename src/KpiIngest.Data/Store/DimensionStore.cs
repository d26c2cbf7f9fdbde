using System.Data.Common;
using Dapper;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>kpi_unit, kpi_catalog, kpi_indicator and kpi_target: replaced whole, as last read or configured.</summary>
public sealed class DimensionStore(DbConnection connection, StoreDialect dialect)
{
    public void ReplaceUnits(IEnumerable<Unit> units, DbTransaction transaction)
    {
        connection.Execute(dialect.Sql("DeleteUnits"), transaction: transaction);
        connection.Execute(
            dialect.Sql("InsertUnit"),
            units.Select(u => new
            {
                u.UnitId,
                u.ParentId,
                u.Name,
                u.Level,
                ActiveFrom = dialect.Day(u.ActiveFrom),
                ActiveTo = dialect.Day(u.ActiveTo),
            }),
            transaction);
    }

    public void ReplaceCatalog(IEnumerable<CatalogPair> pairs, DbTransaction transaction)
    {
        connection.Execute(dialect.Sql("DeleteCatalog"), transaction: transaction);
        connection.Execute(dialect.Sql("InsertCatalogPair"), pairs, transaction);
    }

    public void ReplaceIndicators(DbTransaction transaction)
    {
        connection.Execute(dialect.Sql("DeleteIndicators"), transaction: transaction);
        connection.Execute(dialect.Sql("InsertIndicator"), Indicators.All, transaction);
    }

    public void ReplaceTargets(TargetBook book, DbTransaction transaction)
    {
        connection.Execute(dialect.Sql("DeleteTargets"), transaction: transaction);
        var rows = new List<object>();
        foreach (var set in book.Sets)
        {
            var from = dialect.Day(set.EffectiveFrom);
            rows.AddRange(set.Default.Select(t => Row(from, set.Source, t.Key, null, null, t.Value)));
            rows.AddRange(set.Levels.SelectMany(l => l.Value.Select(t => Row(from, set.Source, t.Key, l.Key, null, t.Value))));
            rows.AddRange(set.Units.SelectMany(u => u.Value.Select(t => Row(from, set.Source, t.Key, null, u.Key, t.Value))));
        }

        connection.Execute(dialect.Sql("InsertTarget"), rows, transaction);

        static object Row(StoreParameter from, string source, IndicatorCode code, int? level, string? unitId, decimal target) =>
            new { from, source, indicator = code.Text(), level, unitId, target };
    }

    public IReadOnlyList<Unit> LoadUnits() =>
        [.. connection.Query<UnitRow>(dialect.Sql("LoadUnits"))
            .Select(u => new Unit(u.UnitId, u.ParentId, u.Name, (int)StoreValue.Number(u.Level),
                StoreValue.NullableDay(u.ActiveFrom), StoreValue.NullableDay(u.ActiveTo)))];

    public IReadOnlyList<CatalogPair> LoadCatalog()
    {
        var pairs = new List<CatalogPair>();
        using var reader = connection.ExecuteReader(dialect.Sql("LoadCatalog"));
        while (reader.Read())
        {
            pairs.Add(new CatalogPair(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), (int)StoreValue.Number(reader.GetValue(3)),
                StoreValue.Bool(reader.GetValue(4)), StoreValue.Bool(reader.GetValue(5)), StoreValue.Bool(reader.GetValue(6))));
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
