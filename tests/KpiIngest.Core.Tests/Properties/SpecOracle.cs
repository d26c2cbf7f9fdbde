using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Tests.Properties;

/// <summary>
/// The nine indicators computed the slow, literal way from indicators.md's table, straight from dossiers:
/// no daily counts, no running sums. Used as the reference the composer must agree with.
/// </summary>
internal static class SpecOracle
{
    public static DateOnly PeriodStart(PeriodKind kind, DateOnly asOf) => kind switch
    {
        PeriodKind.Day => asOf,
        PeriodKind.Mtd => new DateOnly(asOf.Year, asOf.Month, 1),
        PeriodKind.Qtd => new DateOnly(asOf.Year, asOf.Month switch { <= 3 => 1, <= 6 => 4, <= 9 => 7, _ => 10 }, 1),
        _ => new DateOnly(asOf.Year, 1, 1),
    };

    public static Dictionary<IndicatorCode, (long N, long D)> Province(
        IReadOnlyList<Unit> units, IReadOnlyList<CatalogPair> catalog, IReadOnlyList<Dossier> dossiers,
        DateOnly asOf, PeriodKind kind)
    {
        var start = PeriodStart(kind, asOf);
        bool InPeriod(DateTime? at) => at is { } t && DateOnly.FromDateTime(t) >= start && DateOnly.FromDateTime(t) <= asOf;
        bool Received(Dossier d) => d.Status is not (1 or 3) && InPeriod(d.ReceivedAt);
        bool Resolved(Dossier d) => d.Status is 9 or 10 && InPeriod(d.ResolvedAt);
        CatalogPair? PairOf(Dossier d) => catalog.FirstOrDefault(p => p.UnitId == d.UnitId && p.ProcedureCode == d.ProcedureCode);
        bool Active(string unitId) => units.Any(u => u.UnitId == unitId
            && (u.ActiveFrom is null || u.ActiveFrom <= asOf) && (u.ActiveTo is null || u.ActiveTo >= start));

        var received = dossiers.Where(Received).ToList();
        var resolved = dossiers.Where(Resolved).ToList();
        (long, long) Ratio(IEnumerable<Dossier> denominator, Func<Dossier, bool> numerator)
        {
            var d = denominator.ToList();
            return (d.Count(numerator), d.Count);
        }

        var onlineServices = catalog.Where(p => p.OnlineMode is 3 or 4 && Active(p.UnitId)).ToList();
        var paymentServices = catalog.Where(p => p.OnlinePayment && p.HasFee && Active(p.UnitId)).ToList();
        return new Dictionary<IndicatorCode, (long N, long D)>
        {
            [IndicatorCode.OnlineDossier] = Ratio(received, d => d.Channel == 2),
            [IndicatorCode.OnlinePayment] = Ratio(received.Where(d => d.FeeAmount > 0), d => d.PaidOnline is 1 or 2),
            [IndicatorCode.Digitized] = Ratio(received, d => d.Digitized),
            [IndicatorCode.EResult] = Ratio(resolved.Where(d => PairOf(d) is null or { RequiresResult: true }), d => d.EResult),
            [IndicatorCode.DataReuse] = Ratio(received, d => d.ReusedData),
            [IndicatorCode.OnlineServiceUsed] = (
                onlineServices.Count(p => received.Any(d => d.UnitId == p.UnitId && d.ProcedureCode == p.ProcedureCode && d.Channel == 2)),
                onlineServices.Count),
            [IndicatorCode.OnlinePaymentUsed] = (
                paymentServices.Count(p => received.Any(d => d.UnitId == p.UnitId && d.ProcedureCode == p.ProcedureCode
                    && d.PaidOnline is 1 or 2)),
                paymentServices.Count),
            [IndicatorCode.OnTime] = Ratio(resolved.Where(d => d.DueAt is not null), d => d.ResolvedAt <= d.DueAt),
            [IndicatorCode.FullOnlineDossier] = Ratio(received.Where(d => PairOf(d) is { OnlineMode: 4 }), d => d.Channel == 2),
        };
    }
}
