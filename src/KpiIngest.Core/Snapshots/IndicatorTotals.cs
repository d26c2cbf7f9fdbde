using KpiIngest.Core.Facts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Snapshots;

/// <summary>N and D of the nine indicators for one scope, summed from pairs (ratios of sums, never of ratios).</summary>
internal sealed class IndicatorTotals : IScopeTotals<IndicatorTotals>
{
    private readonly long[] _numerators = new long[9];
    private readonly long[] _denominators = new long[9];

    public long Numerator(IndicatorCode code) => _numerators[(int)code - 1];

    public long Denominator(IndicatorCode code) => _denominators[(int)code - 1];

    /// <summary>Adds a pair's dossier counts; <paramref name="catalogPair"/> is null for an uncatalogued pair.</summary>
    public void AddDossiers(in DayCounts counts, CatalogPair? catalogPair)
    {
        Add(IndicatorCode.OnlineDossier, counts.Online, counts.Received);
        Add(IndicatorCode.OnlinePayment, counts.WithFeePaidOnline, counts.WithFee);
        Add(IndicatorCode.Digitized, counts.Digitized, counts.Received);
        Add(IndicatorCode.DataReuse, counts.Reused, counts.Received);
        Add(IndicatorCode.OnTime, counts.ResolvedOnTime, counts.ResolvedWithDue);

        // E_RESULT: a pair missing from the catalog counts as requiring a result (source-contract.md).
        if (catalogPair is null || catalogPair.RequiresResult)
        {
            Add(IndicatorCode.EResult, counts.ResolvedEResult, counts.Resolved);
        }

        // FULL_ONLINE_DOSSIER needs the catalog: an uncatalogued pair is not known to be fully online.
        if (catalogPair is { IsFullyOnline: true })
        {
            Add(IndicatorCode.FullOnlineDossier, counts.Online, counts.Received);
        }
    }

    /// <summary>Adds one catalog pair of an active unit to indicators 6 and 7, with this period's sums of that pair.</summary>
    public void AddCatalogPair(CatalogPair pair, in DayCounts periodSums)
    {
        if (pair.IsOnlineService)
        {
            Add(IndicatorCode.OnlineServiceUsed, periodSums.Online > 0 ? 1 : 0, 1);
        }

        if (pair.OffersOnlinePayment)
        {
            Add(IndicatorCode.OnlinePaymentUsed, periodSums.PaidOnline > 0 ? 1 : 0, 1);
        }
    }

    public void Add(IndicatorTotals other)
    {
        for (var i = 0; i < _numerators.Length; i++)
        {
            _numerators[i] += other._numerators[i];
            _denominators[i] += other._denominators[i];
        }
    }

    private void Add(IndicatorCode code, long numerator, long denominator)
    {
        _numerators[(int)code - 1] += numerator;
        _denominators[(int)code - 1] += denominator;
    }
}
