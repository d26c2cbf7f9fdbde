using Dapper;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_unit, kpi_catalog, kpi_indicator and kpi_target: replaced whole, as last read or configured.</summary>
public sealed class DimensionStore(SqliteConnection connection)
{
    public void ReplaceUnits(IEnumerable<Unit> units, SqliteTransaction transaction)
    {
        connection.Execute("DELETE FROM kpi_unit", transaction: transaction);
        connection.Execute(
            """
            INSERT INTO kpi_unit (unit_id, parent_id, name, level, active_from, active_to)
            VALUES (@UnitId, @ParentId, @Name, @Level, @ActiveFrom, @ActiveTo)
            """,
            units.Select(u => new
            {
                u.UnitId,
                u.ParentId,
                u.Name,
                u.Level,
                ActiveFrom = StoreFormat.Day(u.ActiveFrom),
                ActiveTo = StoreFormat.Day(u.ActiveTo),
            }),
            transaction);
    }

    public void ReplaceCatalog(IEnumerable<CatalogPair> pairs, SqliteTransaction transaction)
    {
        connection.Execute("DELETE FROM kpi_catalog", transaction: transaction);
        connection.Execute(
            """
            INSERT INTO kpi_catalog (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result)
            VALUES (@UnitId, @ProcedureCode, @ProcedureName, @OnlineMode, @HasFee, @OnlinePayment, @RequiresResult)
            """,
            pairs,
            transaction);
    }

    public void ReplaceIndicators(SqliteTransaction transaction)
    {
        connection.Execute("DELETE FROM kpi_indicator", transaction: transaction);
        connection.Execute(
            """
            INSERT INTO kpi_indicator (code, number, name_vi, name_en, numerator_vi, denominator_vi, numerator_en, denominator_en)
            VALUES (@Text, @Number, @NameVi, @NameEn, @NumeratorVi, @DenominatorVi, @NumeratorEn, @DenominatorEn)
            """,
            Indicators.All,
            transaction);
    }

    public void ReplaceTargets(TargetBook book, SqliteTransaction transaction)
    {
        connection.Execute("DELETE FROM kpi_target", transaction: transaction);
        var rows = new List<object>();
        foreach (var set in book.Sets)
        {
            var from = StoreFormat.Day(set.EffectiveFrom);
            rows.AddRange(set.Default.Select(t => Row(from, set.Source, t.Key, null, null, t.Value)));
            rows.AddRange(set.Levels.SelectMany(l => l.Value.Select(t => Row(from, set.Source, t.Key, l.Key, null, t.Value))));
            rows.AddRange(set.Units.SelectMany(u => u.Value.Select(t => Row(from, set.Source, t.Key, null, u.Key, t.Value))));
        }

        connection.Execute(
            """
            INSERT INTO kpi_target (effective_from, source, indicator, level, unit_id, target)
            VALUES (@from, @source, @indicator, @level, @unitId, @target)
            """,
            rows,
            transaction);

        static object Row(string from, string source, IndicatorCode code, int? level, string? unitId, decimal target) =>
            new { from, source, indicator = code.Text(), level, unitId, target };
    }

    public IReadOnlyList<Unit> LoadUnits() =>
        [.. connection.Query<(string UnitId, string? ParentId, string Name, long Level, string? ActiveFrom, string? ActiveTo)>(
                "SELECT unit_id, parent_id, name, level, active_from, active_to FROM kpi_unit")
            .Select(u => new Unit(u.UnitId, u.ParentId, u.Name, (int)u.Level,
                StoreFormat.ParseNullableDay(u.ActiveFrom), StoreFormat.ParseNullableDay(u.ActiveTo)))];

    public IReadOnlyList<CatalogPair> LoadCatalog() =>
        [.. connection.Query<(string UnitId, string ProcedureCode, string ProcedureName, long OnlineMode, bool HasFee, bool OnlinePayment, bool RequiresResult)>(
                "SELECT unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result FROM kpi_catalog")
            .Select(p => new CatalogPair(p.UnitId, p.ProcedureCode, p.ProcedureName, (int)p.OnlineMode, p.HasFee, p.OnlinePayment, p.RequiresResult))];
}
