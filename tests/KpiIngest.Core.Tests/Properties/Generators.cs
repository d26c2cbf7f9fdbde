using FsCheck;
using FsCheck.Fluent;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;

namespace KpiIngest.Core.Tests.Properties;

/// <summary>A random small province in 2024: units, catalog, valid dossiers, and one snapshot to take.</summary>
internal sealed record Scenario(Unit[] Units, CatalogPair[] Catalog, Dossier[] Dossiers, DateOnly AsOf, PeriodKind Kind)
{
    public override string ToString() =>
        $"{Kind} as of {AsOf:yyyy-MM-dd}; units: {string.Join(", ", Units.Select(u => $"{u.UnitId}/L{u.Level} {u.ActiveFrom}..{u.ActiveTo}"))}; "
        + $"catalog: {string.Join(", ", Catalog.Select(p => $"{p.UnitId}|{p.ProcedureCode} m{p.OnlineMode} f{(p.HasFee ? 1 : 0)} p{(p.OnlinePayment ? 1 : 0)} r{(p.RequiresResult ? 1 : 0)}"))}; "
        + $"dossiers: {string.Join(", ", Dossiers.Select(d => $"{d.UnitId}|{d.ProcedureCode} s{d.Status} c{d.Channel} rcv {d.ReceivedAt:MM-dd HH:mm} res {d.ResolvedAt:MM-dd HH:mm} due {d.DueAt:MM-dd HH:mm} fee {d.FeeAmount} paid {d.PaidOnline}"))}";
}

internal static class Generators
{
    private static readonly DateTime YearStart = Dates.At("2024-01-01 00:00:00");
    private static readonly string[] Procedures = ["P1", "P2", "P3", "P4", "P5"]; // P5 is never catalogued

    private static Gen<bool> Bool => Gen.Elements(true, false);

    /// <summary>A day of 2024, biased towards month and quarter edges where periods start and end.</summary>
    private static Gen<DateOnly> Day2024 => Gen.Frequency(
        (3, Gen.Choose(0, 365).Select(d => DateOnly.FromDateTime(YearStart).AddDays(d))),
        (1, Gen.Elements("2024-01-01", "2024-03-31", "2024-04-01", "2024-06-30", "2024-07-01", "2024-02-29", "2024-12-31")
            .Select(Dates.Day)));

    private static Gen<Unit> UnitGen(string id) =>
        from level in Gen.Choose(1, 3)
        from start in Gen.OrNull(Day2024.Select(d => (object)d))
        from span in Gen.OrNull(Gen.Choose(0, 200).Select(d => (object)d))
        let activeFrom = (DateOnly?)start
        let activeTo = span is null ? (DateOnly?)null : (activeFrom ?? DateOnly.FromDateTime(YearStart)).AddDays((int)span)
        select new Unit(id, null, "Đơn vị " + id, level, activeFrom, activeTo);

    private static Gen<CatalogPair?> PairGen(string unitId, string procedure) =>
        from present in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from mode in Gen.Elements(0, 2, 3, 4)
        from hasFee in Bool
        from onlinePayment in Bool
        from requiresResult in Bool
        select present && procedure != "P5"
            ? new CatalogPair(unitId, procedure, "Thủ tục " + procedure, mode, hasFee, onlinePayment, requiresResult)
            : null;

    private static Gen<Dossier> DossierGen(string[] unitIds, int index) =>
        from unitId in Gen.Elements(unitIds)
        from procedure in Gen.Elements(Procedures)
        from channel in Gen.Choose(1, 3)
        from status in Gen.Choose(1, 10)
        from receivedMinute in Gen.Choose(0, (366 * 24 * 60) - 1)
        from receivedSet in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from resolveAfter in Gen.Choose(0, 60 * 24 * 60)
        from resolvedForOtherStatus in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from dueAfter in Gen.OrNull(Gen.Choose(0, 40 * 24 * 60).Select(m => (object)m))
        from fee in Gen.Elements<decimal?>(null, 0m, 0.01m, 15000m, 200000m)
        from paid in Gen.Choose(0, 2)
        from digitized in Bool
        from eResult in Bool
        from reused in Bool
        let received = YearStart.AddMinutes(receivedMinute)
        let receivedAt = status is 1 or 3 && !receivedSet ? (DateTime?)null : received
        let resolvedAt = status is 9 or 10 || resolvedForOtherStatus ? received.AddMinutes(resolveAfter) : (DateTime?)null
        select new Dossier($"D{index:D3}", null, unitId, procedure, channel, status, receivedAt,
            dueAfter is null ? null : received.AddMinutes((int)dueAfter), resolvedAt, fee, paid, digitized, eResult, reused,
            received);

    public static Gen<Scenario> Scenario =>
        from unitCount in Gen.Choose(1, 5)
        let ids = Enumerable.Range(1, unitCount).Select(i => $"U{i}").ToArray()
        from units in Gen.CollectToArray(ids, UnitGen)
        from pairs in Gen.CollectToArray(ids.SelectMany(u => Procedures.Select(p => (u, p))), t => PairGen(t.u, t.p))
        from dossierCount in Gen.Choose(0, 40)
        from dossiers in Gen.CollectToArray(Enumerable.Range(1, dossierCount), i => DossierGen(ids, i))
        from asOf in Day2024
        from kind in Gen.Elements(PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Qtd, PeriodKind.Ytd)
        select new Scenario(units, [.. pairs.OfType<CatalogPair>()], dossiers, asOf, kind);
}
