using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;
using static KpiIngest.Core.Scorecard.ScorecardItems;

namespace KpiIngest.Core.Tests.Scorecard;

/// <summary>
/// scorecard.md, item by item, on period sums set by hand (as of 30 April 2024, MTD). The expected points are the
/// spec's fractions worked by hand in the comments. Overdue at S itself (due times at 23:59:59 and 00:00:00, late
/// resolutions after S) is counted by the source side and arrives here as <see cref="OverdueCounts"/>.
/// </summary>
public sealed class ScorecardRuleTests
{
    private static ScorecardCase OneUnit() => new ScorecardCase().Unit("U1", level: 1);

    // ---- Rounding: one exact fraction, rounded once ---------------------------------------------

    [Fact]
    public void Of_SixTimesSevenOver48_RoundsOnceHalfAwayFromZero()
    {
        ScorePoints.Of(7, 48, 6, 1, cap: 6).ShouldBe(0.88m);                                    // 42/48 = 0.875 exactly
        Math.Round(6m * (7m / 48m), 2, MidpointRounding.AwayFromZero).ShouldBe(0.87m, "a quotient first falls short");
    }

    [Fact]
    public void Compose_EResultSevenOf48_PointsRoundHalfAwayFromZero()
    {
        var rows = OneUnit().Counts("U1", "P1", c => c with { Received = 48, ReceivedEResult = 7 }).Compose();

        rows.UnitRow("U1", EResultAvailable).ShouldScore(7, 48, 14.58m, 0.88m, ScoreBasis.Exact); // 6·7/48 = 0.875
    }

    // ---- Caps -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(1, 20.00, 0.50)]   // 2·min(1, 0.2/0.8) = 5·1/(2·5) = 0.5
    [InlineData(3, 60.00, 1.50)]   // 15/10
    [InlineData(4, 80.00, 2.00)]   // 80% reaches the cap
    [InlineData(5, 100.00, 2.00)]  // capped, not 2.5
    public void Compose_OnlineServiceOffered_CappedAt80Percent(int onlinePairs, decimal ratio, decimal points)
    {
        var world = OneUnit();
        for (var i = 0; i < 5; i++)
        {
            world.Pair("U1", $"P{i}", onlineMode: i < onlinePairs ? (i % 2 == 0 ? 4 : 3) : 2);
        }

        world.Compose().UnitRow("U1", OnlineServiceOffered).ShouldScore(onlinePairs, 5, ratio, points, ScoreBasis.Provisional);
    }

    [Theory]
    [InlineData(2, 20.00, 2.40)]   // 12·2/10
    [InlineData(4, 40.00, 4.80)]
    [InlineData(5, 50.00, 6.00)]   // 50% reaches the cap
    [InlineData(6, 60.00, 6.00)]   // capped, not 7.2
    public void Compose_OnlineSubmission_CappedAt50Percent(long online, decimal ratio, decimal points)
    {
        var rows = OneUnit().Counts("U1", "P1", c => c with { Received = 10, Online = online }).Compose();

        rows.UnitRow("U1", OnlineSubmission).ShouldScore(online, 10, ratio, points, ScoreBasis.Provisional);
    }

    [Theory]
    [InlineData(3, 30.00, 0.75)]   // 2.5·3/10
    [InlineData(8, 80.00, 2.00)]   // 2.5·0.8 = 2 exactly
    [InlineData(10, 100.00, 2.00)] // min(2, 2.5)
    public void Compose_ReusedData_MinTwo(long reused, decimal ratio, decimal points)
    {
        var rows = OneUnit().Counts("U1", "P1", c => c with { Received = 10, Reused = reused }).Compose();

        rows.UnitRow("U1", ReusedData).ShouldScore(reused, 10, ratio, points, ScoreBasis.Exact);
    }

    [Theory]
    [InlineData(1, 33.33, 0.83)]   // 2.5·1/3 = 0.8333…
    [InlineData(2, 66.67, 1.67)]   // 2.5·2/3 = 1.6666…
    [InlineData(3, 100.00, 2.00)]  // min(2, 2.5)
    public void Compose_PaymentProcedures_MinTwoOverFeePairs(int paidPairs, decimal ratio, decimal points)
    {
        var world = OneUnit().Pair("U1", "FREE", onlineMode: 4);
        for (var i = 0; i < 3; i++)
        {
            world.Pair("U1", $"FEE{i}", hasFee: true);
            if (i < paidPairs)
            {
                world.Counts("U1", $"FEE{i}", c => c with { Received = 1, PaidOnline = 1 });
            }
        }

        world.Compose().UnitRow("U1", PaymentProcedures).ShouldScore(paidPairs, 3, ratio, points, ScoreBasis.Exact);
    }

    [Fact]
    public void Compose_PaymentFeeData_PairsUsedByADossierWithAFee()
    {
        var rows = OneUnit()
            .Pair("U1", "A", hasFee: true).Pair("U1", "B", hasFee: true).Pair("U1", "C", hasFee: true).Pair("U1", "D")
            .Counts("U1", "A", c => c with { Received = 2, WithFee = 1 })
            .Counts("U1", "B", c => c with { Received = 2, PaidOnline = 2 }) // paid online, but no fee on the dossier
            .Counts("U1", "D", c => c with { Received = 1, WithFee = 1 })    // no fee in the catalog: not in D
            .Compose();

        rows.UnitRow("U1", PaymentFeeData).ShouldScore(1, 3, 33.33m, 0.83m, ScoreBasis.Provisional); // 2.5·1/3
        rows.UnitRow("U1", PaymentProcedures).ShouldScore(1, 3, 33.33m, 0.83m, ScoreBasis.Exact);    // B
    }

    [Theory]
    [InlineData(3, 70.00, 4.67)]   // 20·7/30 = 4.666…
    [InlineData(1, 90.00, 6.00)]   // 90% reaches the cap: 20·9/30 = 6
    [InlineData(0, 100.00, 6.00)]  // min(6, 6.67)
    public void Compose_ReceivingSatisfactionWithoutComplaintColumn_OnTimeCappedAt90Percent(long overdue, decimal ratio, decimal points)
    {
        var rows = OneUnit().Counts("U1", "P1", c => c with { Received = 10, Complaint = 4 }).Overdue("U1", overdue).Compose();

        // Without complaint_or_dislike the complaint count is not consulted: N = on time at S.
        rows.UnitRow("U1", ReceivingSatisfaction).ShouldScore(10 - overdue, 10, ratio, points, ScoreBasis.Proxy);
    }

    [Fact]
    public void Compose_ReceivingSatisfactionWithComplaintColumn_OnTimeAndWithoutComplaint()
    {
        var world = OneUnit().Counts("U1", "P1", c => c with { Received = 10, Complaint = 2 }).Overdue("U1", 3, withComplaint: 1);
        world.Present = OptionalColumns.ComplaintOrDislike;

        // On time 7, of which with a complaint 2 − 1 = 1: N = (10 − 2) − (3 − 1) = 6; min(6, 20·6/30) = 4.
        world.Compose().UnitRow("U1", ReceivingSatisfaction).ShouldScore(6, 10, 60.00m, 4.00m, ScoreBasis.Exact);
    }

    // ---- Progress, e-results, digitisation ------------------------------------------------------

    [Fact]
    public void Compose_ProgressOnTime_ReceivedLessOverdueAtS()
    {
        var rows = new ScorecardCase().Unit("U1").Unit("U2")
            .Counts("U1", "P1", c => c with { Received = 10 }).Overdue("U1", 3)
            .Counts("U2", "P1", c => c with { Received = 4 })
            .Compose();

        rows.UnitRow("U1", ProgressOnTime).ShouldScore(7, 10, 70.00m, 14.00m, ScoreBasis.Exact);   // 20·7/10
        rows.UnitRow("U2", ProgressOnTime).ShouldScore(4, 4, 100.00m, 20.00m, ScoreBasis.Exact);   // no overdue entry: none
    }

    [Fact]
    public void Compose_DigitizedDossiers_NeedAnEResultUnlessTheirOwnPairNeedsNoResult()
    {
        var rows = OneUnit().Pair("U1", "RES").Pair("U1", "NORES", requiresResult: false)
            .Counts("U1", "RES", c => c with { Received = 4, Digitized = 3, DigitizedEResult = 1 })
            .Counts("U1", "NORES", c => c with { Received = 2, Digitized = 2 })
            .Counts("U1", "UNCAT", c => c with { Received = 2, Digitized = 2, DigitizedEResult = 1 }) // no pair: needs a result
            .Compose();

        rows.UnitRow("U1", DigitizedDossiers).ShouldScore(4, 8, 50.00m, 2.00m, ScoreBasis.Exact);  // 1 + 2 + 1; 4·4/8
    }

    [Fact]
    public void Compose_PaymentDossiersAndOnlineServiceUsed_AreIndicatorsTwoAndSix()
    {
        var world = OneUnit()
            .Pair("U1", "P1", onlineMode: 4, hasFee: true).Pair("U1", "P2", onlineMode: 3).Pair("U1", "P3", onlineMode: 3)
            .Counts("U1", "P1", c => c with { Received = 5, Online = 2, WithFee = 4, WithFeePaidOnline = 3, PaidOnline = 3 })
            .Counts("U1", "P2", c => c with { Received = 1, WithFee = 1, PaidOnline = 1 });

        var rows = world.Compose();
        var snapshots = world.ComposeSnapshots();

        rows.UnitRow("U1", PaymentDossiers).ShouldScore(3, 5, 60.00m, 3.60m, ScoreBasis.Exact);           // 6·3/5
        rows.UnitRow("U1", OnlineServiceUsed).ShouldScore(1, 3, 33.33m, 1.33m, ScoreBasis.Provisional);   // 4·1/3
        var payment = snapshots.UnitRow("U1", IndicatorCode.OnlinePayment);
        var used = snapshots.UnitRow("U1", IndicatorCode.OnlineServiceUsed);
        (rows.UnitRow("U1", PaymentDossiers).Numerator, rows.UnitRow("U1", PaymentDossiers).Denominator).ShouldBe((payment.Numerator, payment.Denominator));
        (rows.UnitRow("U1", OnlineServiceUsed).Numerator, rows.UnitRow("U1", OnlineServiceUsed).Denominator).ShouldBe((used.Numerator, used.Denominator));
    }

    // ---- D = 0, proxies, optional columns -------------------------------------------------------

    [Fact]
    public void Compose_UnitWithoutDossiersOrPairs_EveryComputedItemZeroPointsWithNullRatio()
    {
        var rows = OneUnit().Compose();

        foreach (var code in new[]
                 {
                     DossierSync, ProgressOnTime, OnlineServiceOffered, OnlineServiceUsed, OnlineSubmission, PaymentDossiers,
                     PaymentProcedures, PaymentFeeData, ReceivingSatisfaction, EResultAvailable, DigitizedDossiers, ReusedData,
                 })
        {
            var row = rows.UnitRow("U1", code);
            row.ShouldSatisfyAllConditions(
                () => row.Numerator.ShouldBe(0, code),
                () => row.Denominator.ShouldBe(0, code),
                () => row.Ratio.ShouldBeNull(code),
                () => row.Points.ShouldBe(0m, code),
                () => row.KnownMaxPoints.ShouldBe(row.MaxPoints, code));
        }
    }

    [Fact]
    public void Compose_DossierSyncWithoutColumn_FullPointsWhenAnyReceived()
    {
        var rows = new ScorecardCase().Unit("U1").Unit("U2").Counts("U1", "P1", c => c with { Received = 3 }).Compose();

        rows.UnitRow("U1", DossierSync).ShouldScore(3, 3, 100.00m, 6.00m, ScoreBasis.Proxy);   // N = D = |R|
        rows.UnitRow("U2", DossierSync).ShouldScore(0, 0, null, 0.00m, ScoreBasis.Proxy);      // |R| = 0 gives 0
    }

    [Fact]
    public void Compose_DossierSyncWithColumn_SyncedOverReceived()
    {
        var world = OneUnit().Counts("U1", "P1", c => c with { Received = 3, Synced = 1 });
        world.Present = OptionalColumns.SyncedToPortal;

        world.Compose().UnitRow("U1", DossierSync).ShouldScore(1, 3, 33.33m, 2.00m, ScoreBasis.Exact);
    }

    [Fact]
    public void Compose_ColumnPresentAndNoDossierFlagged_CountsZero()
    {
        // A null synced_to_portal counts as 0: the fact adds nothing to Synced, so N = 0 with D = |R|.
        var world = OneUnit().Counts("U1", "P1", c => c with { Received = 4 });
        world.Present = OptionalColumns.SyncedToPortal | OptionalColumns.FromPersonalStorage | OptionalColumns.CitizenDataUsed;

        var rows = world.Compose();

        rows.UnitRow("U1", DossierSync).ShouldScore(0, 4, 0.00m, 0.00m, ScoreBasis.Exact);
        rows.UnitRow("U1", PersonalStorage).ShouldScore(0, 4, 0.00m, 0.00m, ScoreBasis.Exact);
        rows.UnitRow("U1", CitizenDataDossiers).ShouldScore(0, 4, 0.00m, 0.00m, ScoreBasis.Exact);
    }

    [Fact]
    public void Compose_NoOptionalColumns_ProxiesAndMissingItems()
    {
        var rows = OneUnit().Counts("U1", "P1", c => c with { Received = 4, PersonalStorage = 2, CitizenData = 2 }).Compose();

        rows.UnitRow("U1", DossierSync).Basis.ShouldBe(ScoreBasis.Proxy);
        rows.UnitRow("U1", ReceivingSatisfaction).Basis.ShouldBe(ScoreBasis.Proxy);
        rows.UnitRow("U1", PersonalStorage).ShouldHaveNoCounts(null, ScoreBasis.Missing);
        rows.UnitRow("U1", CitizenDataDossiers).ShouldHaveNoCounts(null, ScoreBasis.Missing);
        rows.UnitRow("U1", CitizenDataProcedures).ShouldHaveNoCounts(null, ScoreBasis.Missing);
        rows.UnitRow("U1", CertifiedCopy).ShouldHaveNoCounts(2.00m, ScoreBasis.Proxy);
        foreach (var code in new[] { PublishOnTime, PublicUpdateOnTime, PublicContentFull, PetitionOnTime, PetitionSatisfaction })
        {
            rows.UnitRow("U1", code).ShouldHaveNoCounts(null, ScoreBasis.Missing);
        }
    }

    [Fact]
    public void Compose_CitizenColumns_DossiersAndProceduresExactOnlyWithBoth()
    {
        var world = new ScorecardCase().Unit("U1").Unit("OLD", activeTo: "2024-03-31")
            .Pair("U1", "C1", citizenSubject: true).Pair("U1", "C2", citizenSubject: true).Pair("U1", "C3", citizenSubject: true)
            .Pair("U1", "ORG").Pair("OLD", "C4", citizenSubject: true)
            .Counts("U1", "C1", c => c with { Received = 3, CitizenData = 1, PersonalStorage = 3 })
            .Counts("U1", "C2", c => c with { Received = 3, CitizenData = 2 })
            .Counts("U1", "ORG", c => c with { Received = 2, CitizenData = 2 }) // not a citizen procedure
            .Counts("OLD", "C4", c => c with { Received = 1, CitizenData = 1 }); // its unit is not active in April

        world.Present = OptionalColumns.CitizenDataUsed;
        world.Compose().UnitRow("U1", CitizenDataProcedures).ShouldHaveNoCounts(null, ScoreBasis.Missing);

        world.Present = OptionalColumns.CitizenSubject;
        var subjectOnly = world.Compose();
        subjectOnly.UnitRow("U1", CitizenDataProcedures).ShouldHaveNoCounts(null, ScoreBasis.Missing);
        subjectOnly.UnitRow("U1", CitizenDataDossiers).ShouldHaveNoCounts(null, ScoreBasis.Missing);

        world.Present = OptionalColumns.CitizenDataUsed | OptionalColumns.CitizenSubject | OptionalColumns.FromPersonalStorage;
        var rows = world.Compose();
        rows.UnitRow("U1", CitizenDataDossiers).ShouldScore(5, 8, 62.50m, 1.25m, ScoreBasis.Exact);    // 2·5/8
        rows.UnitRow("U1", CitizenDataProcedures).ShouldScore(2, 3, 66.67m, 1.33m, ScoreBasis.Exact);  // C1, C2 of C1-C3
        rows.UnitRow("U1", PersonalStorage).ShouldScore(3, 8, 37.50m, 1.50m, ScoreBasis.Exact);        // 4·3/8
        rows.Province(CitizenDataProcedures).ShouldScore(2, 3, 66.67m, 1.33m, ScoreBasis.Exact);       // OLD's C4 not counted
    }

    [Fact]
    public void Compose_EnteredPoints_EveryScopeWithoutCounts()
    {
        var world = new ScorecardCase().Unit("U1", 1).Unit("U3", 3).Counts("U1", "P1", c => c with { Received = 2 });
        world.Entered = new EnteredPoints([new(PublishOnTime, 5.5m), new(PetitionSatisfaction, 6m), new(CertifiedCopy, 1.25m)]);

        var rows = world.Compose();

        foreach (var scope in new[] { rows.Province(PublishOnTime), rows.Level(3, PublishOnTime), rows.UnitRow("U3", PublishOnTime) })
        {
            scope.ShouldHaveNoCounts(5.5m, ScoreBasis.Entered);
        }

        rows.UnitRow("U1", PetitionSatisfaction).ShouldHaveNoCounts(6m, ScoreBasis.Entered);
        rows.UnitRow("U1", CertifiedCopy).ShouldHaveNoCounts(1.25m, ScoreBasis.Entered);
        rows.UnitRow("U1", PetitionOnTime).ShouldHaveNoCounts(null, ScoreBasis.Missing);
    }

    // ---- Groups, total, known max ---------------------------------------------------------------

    [Fact]
    public void Compose_OneUnit_GroupsSumRoundedItemsAndTotalSumsGroups()
    {
        var world = OneUnit()
            .Pair("U1", "P1", onlineMode: 4, hasFee: true)
            .Pair("U1", "P2", onlineMode: 0, requiresResult: false)
            .Pair("U1", "P3", onlineMode: 3, hasFee: true)
            .Counts("U1", "P1", c => c with
            {
                Received = 6, Online = 5, WithFee = 4, WithFeePaidOnline = 3, PaidOnline = 3, Digitized = 5, DigitizedEResult = 4,
                ReceivedEResult = 4, Reused = 2, Synced = 5, Complaint = 1, PersonalStorage = 2, CitizenData = 3,
            })
            .Counts("U1", "P2", c => c with { Received = 2, Digitized = 2, Synced = 2 })
            .Overdue("U1", 1);
        world.Present = OptionalColumns.SyncedToPortal | OptionalColumns.ComplaintOrDislike | OptionalColumns.FromPersonalStorage
            | OptionalColumns.CitizenDataUsed;
        world.Entered = new EnteredPoints([new(PublicContentFull, 1.5m)]);

        var rows = world.Compose().Where(r => r.Scope == ScopeKind.Unit).ToList();
        decimal? Points(string item) => rows.Single(r => r.Item == item).Points;

        // |R| = 8 (6 + 2), overdue 1.
        Points(PublishOnTime).ShouldBeNull();               // MISSING
        Points(PublicUpdateOnTime).ShouldBeNull();          // MISSING
        Points(PublicContentFull).ShouldBe(1.50m);          // ENTERED
        Points(DossierSync).ShouldBe(5.25m);                // 6·7/8
        Points(ProgressOnTime).ShouldBe(17.50m);            // 20·7/8
        Points(OnlineServiceOffered).ShouldBe(1.67m);       // P1, P3 of 3 pairs: 5·2/6 = 1.666…
        Points(OnlineServiceUsed).ShouldBe(2.00m);          // P1 of P1, P3: 4·1/2
        Points(OnlineSubmission).ShouldBe(6.00m);           // 12·5/8 = 7.5, capped
        Points(PaymentDossiers).ShouldBe(4.50m);            // 6·3/4
        Points(PaymentProcedures).ShouldBe(1.25m);          // P1 of P1, P3: 2.5·1/2
        Points(PaymentFeeData).ShouldBe(1.25m);             // P1 of P1, P3
        Points(PetitionOnTime).ShouldBeNull();
        Points(PetitionSatisfaction).ShouldBeNull();
        Points(ReceivingSatisfaction).ShouldBe(5.00m);      // N = (8 − 1) − (1 − 0) = 6; 20·6/24
        Points(EResultAvailable).ShouldBe(3.00m);           // 6·4/8
        Points(DigitizedDossiers).ShouldBe(3.00m);          // P1 4 with a result + P2 2 needing none: 4·6/8
        Points(ReusedData).ShouldBe(0.63m);                 // 2.5·2/8 = 0.625, half away from zero
        Points(PersonalStorage).ShouldBe(1.00m);            // 4·2/8
        Points(CitizenDataDossiers).ShouldBe(0.75m);        // 2·3/8
        Points(CitizenDataProcedures).ShouldBeNull();       // no citizen_subject: MISSING
        Points(CertifiedCopy).ShouldBe(2.00m);              // PROXY

        (string Item, decimal? Points, int Max, int KnownMax)[] expected =
        [
            ("G1", 6.75m, 18, 8),      // 1.5 + 5.25; known 2 + 6
            ("G2", 17.50m, 20, 20),
            ("G3", 9.67m, 12, 12),     // 1.67 + 2 + 6
            ("G4", 7.00m, 10, 10),     // 4.5 + 1.25 + 1.25
            ("G5", 5.00m, 18, 6),
            ("G6", 10.38m, 22, 20),    // 3 + 3 + 0.63 + 1 + 0.75 + 2; CITIZEN_DATA_PROCEDURES unknown
            ("TOTAL", 56.30m, 100, 76), // "56,30 điểm, tính được 76/100 điểm"
        ];
        rows.Where(r => r.Basis is null).Select(r => (r.Item, r.Points, r.MaxPoints, r.KnownMaxPoints)).ShouldBe(expected);
        rows.Where(r => r.Basis is null).ShouldAllBe(r => r.Numerator == null && r.Denominator == null && r.Ratio == null);
        rows.Single(r => r.Item == "TOTAL").GroupCode.ShouldBe("TOTAL");
    }

    // ---- Scopes ---------------------------------------------------------------------------------

    [Fact]
    public void Compose_TwoUnitsOfOneLevel_LevelAndProvinceAreRatioOfSumsNotSumOfPoints()
    {
        var rows = new ScorecardCase().Unit("U1", 3).Unit("U2", 3)
            .Counts("U1", "P1", c => c with { Received = 1, ReceivedEResult = 1 })   // 6 points
            .Counts("U2", "P1", c => c with { Received = 3 })                        // 0 points
            .Compose();

        rows.UnitRow("U1", EResultAvailable).Points.ShouldBe(6.00m);
        rows.Level(3, EResultAvailable).ShouldScore(1, 4, 25.00m, 1.50m, ScoreBasis.Exact);  // 6·1/4, not (6 + 0) / 2
        rows.Province(EResultAvailable).ShouldScore(1, 4, 25.00m, 1.50m, ScoreBasis.Exact);
    }

    [Fact]
    public void Compose_OverdueOfUnits_SummedIntoLevelAndProvince()
    {
        var rows = new ScorecardCase().Unit("U1", 1).Unit("U2", 3)
            .Counts("U1", "P1", c => c with { Received = 4 }).Overdue("U1", 1)
            .Counts("U2", "P1", c => c with { Received = 6 }).Overdue("U2", 3)
            .Compose();

        rows.Level(3, ProgressOnTime).ShouldScore(3, 6, 50.00m, 10.00m, ScoreBasis.Exact);
        rows.Province(ProgressOnTime).ShouldScore(6, 10, 60.00m, 12.00m, ScoreBasis.Exact);   // 20·6/10
    }

    [Fact]
    public void Compose_SameInputs_ScopesExactlyThoseOfSnapshotComposer()
    {
        var world = new ScorecardCase()
            .Unit("ACTIVE", 1)                                        // active, no dossier
            .Unit("CLOSED", 2, activeTo: "2024-03-31")                // inactive, still resolves a dossier in April
            .Unit("GONE", 2, activeTo: "2023-12-31")                  // inactive, nothing: no scope
            .Unit("LATE", 3, activeFrom: "2024-04-15")                // active from mid-April
            .Pair("LATE", "P1", onlineMode: 4).Pair("CLOSED", "P2", hasFee: true)
            .Counts("CLOSED", "P2", c => c with { Resolved = 1 })
            .Counts("LATE", "P1", c => c with { Received = 2 })
            .Counts("UNKNOWN", "P1", c => c with { Received = 5 });   // orphaned: no scope

        var rows = world.Compose();
        var scopes = rows.Select(r => (r.Scope, r.ScopeId, r.Level)).Distinct().ToList();

        scopes.ShouldBe(world.ComposeSnapshots().Select(r => (r.Scope, r.ScopeId, r.Level)).Distinct());
        scopes.Count.ShouldBe(7); // PROVINCE; LEVEL 1, 2, 3; ACTIVE, CLOSED, LATE (not GONE, not UNKNOWN)
    }

    [Fact]
    public void Compose_EveryScope_TwentyEightRows()
    {
        var rows = new ScorecardCase().Unit("U1", 1).Unit("U3", 3).Compose();
        string[] codes = [.. ScorecardItems.All.Select(i => i.Code), "G1", "G2", "G3", "G4", "G5", "G6", "TOTAL"];

        foreach (var scope in rows.GroupBy(r => (r.Scope, r.ScopeId)))
        {
            scope.Select(r => r.Item).ShouldBe(codes, $"{scope.Key}");
            scope.ShouldAllBe(r => r.Period == PeriodKind.Mtd && r.PeriodStart == new DateOnly(2024, 4, 1) && r.IsFinal);
        }

        rows.Count.ShouldBe(5 * 28); // PROVINCE, LEVEL 1, LEVEL 3, U1, U3
    }

    [Fact]
    public void Compose_Day_NoRows()
    {
        OneUnit().Counts("U1", "P1", c => c with { Received = 1 }).Compose(PeriodKind.Day).ShouldBeEmpty();
    }

    [Fact]
    public void Compose_PairItems_OnlyPairsOfUnitsActiveInThePeriod()
    {
        var rows = new ScorecardCase().Unit("U1").Unit("OLD", activeTo: "2024-03-31")
            .Pair("U1", "P1", hasFee: true).Pair("OLD", "P2", hasFee: true, onlineMode: 4)
            .Counts("OLD", "P2", c => c with { Received = 1, PaidOnline = 1, WithFee = 1 })
            .Compose();

        rows.Province(PaymentProcedures).ShouldScore(0, 1, 0.00m, 0.00m, ScoreBasis.Exact);     // U1's P1 only, unused
        rows.UnitRow("OLD", PaymentProcedures).ShouldScore(0, 0, null, 0.00m, ScoreBasis.Exact); // a scope by its dossier
        rows.Province(OnlineServiceOffered).ShouldScore(0, 1, 0.00m, 0.00m, ScoreBasis.Provisional);
    }
}
