using KpiIngest.Core.Indicators;
using KpiIngest.Core.Source;
using static KpiIngest.Core.Scorecard.ScorecardItems;

namespace KpiIngest.Core.Scorecard;

/// <summary>One item's figures for one scope: N, D and ratio (null when it has none), points (null when MISSING) and basis.</summary>
internal sealed record ItemScore(ScorecardItem Item, long? Numerator, long? Denominator, decimal? Ratio, decimal? Points, ScoreBasis Basis);

/// <summary>
/// The 21 rules of scorecard.md ("Items") on one scope's <see cref="ScorecardTotals"/>. Every computed rule is
/// min(max, k·N/D) for an integer fraction k, so the points are exact (<see cref="ScorePoints"/>); D = 0 gives 0
/// points and a null ratio. Which columns the source has and which items are entered decide the basis.
/// </summary>
internal sealed class ScorecardRules(OptionalColumns present, EnteredPoints entered)
{
    public IReadOnlyList<ItemScore> Score(ScorecardTotals t)
    {
        var r = t.Received;
        var onTime = r - t.Overdue.Overdue;
        var hasComplaint = present.HasFlag(OptionalColumns.ComplaintOrDislike);

        // On time at S and without a complaint: R less those with a complaint, less the overdue ones without one.
        var satisfied = hasComplaint ? r - t.Complaint - (t.Overdue.Overdue - t.Overdue.OverdueWithComplaint) : onTime;
        return
        [
            EnteredOrMissing(PublishOnTime),
            EnteredOrMissing(PublicUpdateOnTime),
            EnteredOrMissing(PublicContentFull),

            // Without the column the portal's temporary denominator gives every unit with dossiers full points: N = D = |R|.
            present.HasFlag(OptionalColumns.SyncedToPortal)
                ? Computed(DossierSync, t.Synced, r, 6, 1, ScoreBasis.Exact)
                : Computed(DossierSync, r, r, 6, 1, ScoreBasis.Proxy),
            Computed(ProgressOnTime, onTime, r, 20, 1, ScoreBasis.Exact),

            // 2·min(1, (N/D)/0.8) = min(2, 5N/2D).
            Computed(OnlineServiceOffered, t.OnlinePairs, t.Pairs, 5, 2, ScoreBasis.Provisional),
            Computed(OnlineServiceUsed, t.IndicatorNumerator(IndicatorCode.OnlineServiceUsed),
                t.IndicatorDenominator(IndicatorCode.OnlineServiceUsed), 4, 1, ScoreBasis.Provisional),

            // 6·min(1, (N/D)/0.5) = min(6, 12N/D).
            Computed(OnlineSubmission, t.Online, r, 12, 1, ScoreBasis.Provisional),
            Computed(PaymentDossiers, t.IndicatorNumerator(IndicatorCode.OnlinePayment),
                t.IndicatorDenominator(IndicatorCode.OnlinePayment), 6, 1, ScoreBasis.Exact),
            Computed(PaymentProcedures, t.FeePairsPaidOnline, t.FeePairs, 5, 2, ScoreBasis.Exact),
            Computed(PaymentFeeData, t.FeePairsWithFeeData, t.FeePairs, 5, 2, ScoreBasis.Provisional),
            EnteredOrMissing(PetitionOnTime),
            EnteredOrMissing(PetitionSatisfaction),

            // min(6, 6·(N/D)/0.9) = min(6, 20N/3D).
            Computed(ReceivingSatisfaction, satisfied, r, 20, 3, hasComplaint ? ScoreBasis.Exact : ScoreBasis.Proxy),
            Computed(EResultAvailable, t.ReceivedEResult, r, 6, 1, ScoreBasis.Exact),
            Computed(DigitizedDossiers, t.DigitizedCounted, r, 4, 1, ScoreBasis.Exact),
            Computed(ReusedData, t.Reused, r, 5, 2, ScoreBasis.Exact),
            present.HasFlag(OptionalColumns.FromPersonalStorage)
                ? Computed(PersonalStorage, t.PersonalStorage, r, 4, 1, ScoreBasis.Exact)
                : Missing(PersonalStorage),
            present.HasFlag(OptionalColumns.CitizenDataUsed)
                ? Computed(CitizenDataDossiers, t.CitizenData, r, 2, 1, ScoreBasis.Exact)
                : Missing(CitizenDataDossiers),
            present.HasFlag(OptionalColumns.CitizenDataUsed | OptionalColumns.CitizenSubject)
                ? Computed(CitizenDataProcedures, t.CitizenPairsUsed, t.CitizenPairs, 2, 1, ScoreBasis.Exact)
                : Missing(CitizenDataProcedures),

            // The portal currently awards it to every unit.
            entered.For(CertifiedCopy) is { } copy
                ? new ItemScore(Get(CertifiedCopy), null, null, null, copy, ScoreBasis.Entered)
                : new ItemScore(Get(CertifiedCopy), null, null, null, Get(CertifiedCopy).MaxPoints, ScoreBasis.Proxy),
        ];
    }

    /// <summary>min(max, k·N/D) with k = factorNumerator/factorDenominator; N and D stored, 0 and 0 included.</summary>
    private static ItemScore Computed(string code, long n, long d, int factorNumerator, int factorDenominator, ScoreBasis basis)
    {
        var item = Get(code);
        return new ItemScore(item, n, d, RatioMath.Ratio(n, d), ScorePoints.Of(n, d, factorNumerator, factorDenominator, item.MaxPoints), basis);
    }

    private ItemScore EnteredOrMissing(string code) =>
        entered.For(code) is { } points
            ? new ItemScore(Get(code), null, null, null, points, ScoreBasis.Entered)
            : Missing(code);

    private static ItemScore Missing(string code) => new(Get(code), null, null, null, null, ScoreBasis.Missing);
}
