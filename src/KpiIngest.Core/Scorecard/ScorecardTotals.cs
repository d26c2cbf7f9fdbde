using KpiIngest.Core.Facts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Scorecard;

/// <summary>
/// What one scope's scorecard is computed from (scorecard.md, "Items"), summed from pairs and units: counts of R (the
/// dossiers received in the period), the catalog pairs of active units and whether each was used, and the overdue
/// counts at S. PAYMENT_DOSSIERS and ONLINE_SERVICE_USED are indicators 2 and 6, so they come from
/// <see cref="IndicatorTotals"/> itself rather than a second copy of their rules.
/// </summary>
internal sealed class ScorecardTotals : IScopeTotals<ScorecardTotals>
{
    private readonly IndicatorTotals _indicators = new();

    /// <summary>The summed counts of the scope's pairs: R and its flags.</summary>
    private DayCounts _dossiers;

    /// <summary>|R|.</summary>
    public long Received => _dossiers.Received;

    /// <summary>Of R, channel 2.</summary>
    public long Online => _dossiers.Online;

    /// <summary>Of R, e_result 1.</summary>
    public long ReceivedEResult => _dossiers.ReceivedEResult;

    /// <summary>Of R, digitized 1 and (e_result 1, or its own catalog pair needs no result).</summary>
    public long DigitizedCounted { get; private set; }

    /// <summary>Of R, reused_data 1.</summary>
    public long Reused => _dossiers.Reused;

    /// <summary>Of R, synced_to_portal 1.</summary>
    public long Synced => _dossiers.Synced;

    /// <summary>Of R, complaint_or_dislike 1.</summary>
    public long Complaint => _dossiers.Complaint;

    /// <summary>Of R, from_personal_storage 1.</summary>
    public long PersonalStorage => _dossiers.PersonalStorage;

    /// <summary>Of R, citizen_data_used 1.</summary>
    public long CitizenData => _dossiers.CitizenData;

    /// <summary>Of R, overdue at S (and of those, with a complaint).</summary>
    public OverdueCounts Overdue { get; private set; }

    /// <summary>Catalog pairs of active units.</summary>
    public long Pairs { get; private set; }

    /// <summary>Of <see cref="Pairs"/>, online_mode 3 or 4.</summary>
    public long OnlinePairs { get; private set; }

    /// <summary>Of <see cref="Pairs"/>, has_fee 1 (online_payment not consulted).</summary>
    public long FeePairs { get; private set; }

    /// <summary>Of <see cref="FeePairs"/>, used by a dossier of R paid online.</summary>
    public long FeePairsPaidOnline { get; private set; }

    /// <summary>Of <see cref="FeePairs"/>, used by a dossier of R with fee_amount &gt; 0.</summary>
    public long FeePairsWithFeeData { get; private set; }

    /// <summary>Of <see cref="Pairs"/>, citizen_subject 1.</summary>
    public long CitizenPairs { get; private set; }

    /// <summary>Of <see cref="CitizenPairs"/>, used by a dossier of R with citizen_data_used 1.</summary>
    public long CitizenPairsUsed { get; private set; }

    public long IndicatorNumerator(IndicatorCode code) => _indicators.Numerator(code);

    public long IndicatorDenominator(IndicatorCode code) => _indicators.Denominator(code);

    public void AddDossiers(in DayCounts counts, CatalogPair? catalogPair)
    {
        _indicators.AddDossiers(counts, catalogPair);
        _dossiers.Add(counts);

        // A dossier without a catalog pair requires a result (scorecard.md, DIGITIZED_DOSSIERS).
        DigitizedCounted += catalogPair is { RequiresResult: false } ? counts.Digitized : counts.DigitizedEResult;
    }

    public void AddCatalogPair(CatalogPair pair, in DayCounts periodSums)
    {
        _indicators.AddCatalogPair(pair, periodSums);
        Pairs++;
        OnlinePairs += pair.IsOnlineService ? 1 : 0;
        if (pair.HasFee)
        {
            FeePairs++;
            FeePairsPaidOnline += periodSums.PaidOnline > 0 ? 1 : 0;
            FeePairsWithFeeData += periodSums.WithFee > 0 ? 1 : 0;
        }

        if (pair.CitizenSubject)
        {
            CitizenPairs++;
            CitizenPairsUsed += periodSums.CitizenData > 0 ? 1 : 0;
        }
    }

    public void AddOverdue(OverdueCounts overdue) => Overdue = Overdue.Plus(overdue);

    public void Add(ScorecardTotals other)
    {
        _indicators.Add(other._indicators);
        _dossiers.Add(other._dossiers);
        DigitizedCounted += other.DigitizedCounted;
        Overdue = Overdue.Plus(other.Overdue);
        Pairs += other.Pairs;
        OnlinePairs += other.OnlinePairs;
        FeePairs += other.FeePairs;
        FeePairsPaidOnline += other.FeePairsPaidOnline;
        FeePairsWithFeeData += other.FeePairsWithFeeData;
        CitizenPairs += other.CitizenPairs;
        CitizenPairsUsed += other.CitizenPairsUsed;
    }
}
