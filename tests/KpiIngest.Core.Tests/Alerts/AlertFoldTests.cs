using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Alerts;

/// <summary>
/// indicators.md, "Alerts": the lifecycle table, row by row, as a fold over one key's MTD snapshot rows of April
/// 2024 (period_start 2024-04-01, last day 2024-04-30) with the defaults MinDenominator 10 and CriticalGapPoints 10.
/// Every expected figure is worked out by hand in the comment beside it.
/// </summary>
public sealed class AlertFoldTests
{
    private const string LastDay = "2024-04-30";

    private static readonly AlertKey Key =
        new(IndicatorCode.OnlineDossier, ScopeKind.Unit, "U1", PeriodKind.Mtd, Dates.Day("2024-04-01"));

    /// <summary>The three kinds of "neither" of the table: no data, D &lt; MinDenominator (missing or met), no target.</summary>
    public static TheoryData<string, long, long, string?> NeitherRows => new()
    {
        { "no data (D = 0)", 0, 0, "50" },
        { "D = 9 < MinDenominator, not met", 1, 9, "50" },
        { "D = 9 < MinDenominator, met", 9, 9, "50" },
        { "no target", 3, 20, null },
    };

    // ---- a miss, no alert before: OPEN, opened_on = S ----

    [Fact]
    public void Step_MissWithNoAlert_OpensWithOpenedOnS()
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row("2024-04-10", 3, 20));

        // 3/20 = 15.00 %, gap 50 − 15 = 35.00, 300 < (50 − 10) × 20 = 800: CRITICAL, shortfall ceil(50 × 20 / 100) − 3 = 7.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Key.ShouldBe(Key),
            () => alert.Level.ShouldBe(3),
            () => alert.Status.ShouldBe(AlertStatus.Open),
            () => alert.Severity.ShouldBe(AlertSeverity.Critical),
            () => alert.Ratio.ShouldBe(15.00m),
            () => alert.Target.ShouldBe(50m),
            () => alert.Gap.ShouldBe(35.00m),
            () => (alert.Numerator, alert.Denominator).ShouldBe((3L, 20L)),
            () => alert.Shortfall.ShouldBe(7),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.LastSeenOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.ClosedOn.ShouldBeNull(),
            () => alert.LastEvent.ShouldBe(AlertEvent.Opened),
            () => alert.LastEventOn.ShouldBe(Dates.Day("2024-04-10")));
    }

    [Fact]
    public void Fold_NoRowEverMisses_IsNull()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 10, 20), Row("2024-04-11", 0, 0), Row("2024-04-12", 1, 9), Row("2024-04-13", 0, 20, target: null)]);

        alert.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherWithNoAlert_StaysNone(string why, long n, long d, string? target)
    {
        var sut = CreateSut();

        sut.Step(null, Row("2024-04-10", n, d, target)).ShouldBeNull(why);
    }

    // ---- a miss while OPEN: OPEN; ratio, gap, severity, shortfall updated ----

    [Fact]
    public void Fold_MissWhileOpen_UpdatesFiguresKeepsOpenedOn()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 9, 20)]);

        // 9/20 = 45.00 %, gap 5.00; 900 >= 800: WARNING; shortfall ceil(10) − 9 = 1.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Open),
            () => alert.Severity.ShouldBe(AlertSeverity.Warning),
            () => alert.Ratio.ShouldBe(45.00m),
            () => alert.Gap.ShouldBe(5.00m),
            () => (alert.Numerator, alert.Denominator).ShouldBe((9L, 20L)),
            () => alert.Shortfall.ShouldBe(1),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.LastSeenOn.ShouldBe(Dates.Day("2024-04-11")),
            () => alert.ClosedOn.ShouldBeNull());
    }

    // ---- a miss while RESOLVED: OPEN again (reopened), opened_on kept, closed_on cleared ----

    [Fact]
    public void Fold_MissWhileResolved_ReopensKeepsOpenedOnClearsClosedOn()
    {
        var sut = CreateSut();
        var resolved = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20)]);
        resolved.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Resolved);

        var alert = sut.Step(resolved, Row("2024-04-12", 10, 21));

        // 10/21 = 47.619… → 47.62 %, gap 2.38; 1000 >= 40 × 21 = 840: WARNING; shortfall ceil(10.5) − 10 = 1.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Open),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.ClosedOn.ShouldBeNull(),
            () => alert.LastEvent.ShouldBe(AlertEvent.Reopened),
            () => alert.LastEventOn.ShouldBe(Dates.Day("2024-04-12")),
            () => alert.LastSeenOn.ShouldBe(Dates.Day("2024-04-12")),
            () => alert.Severity.ShouldBe(AlertSeverity.Warning),
            () => alert.Ratio.ShouldBe(47.62m),
            () => alert.Gap.ShouldBe(2.38m),
            () => alert.Shortfall.ShouldBe(1));
    }

    // ---- met, D >= MinDenominator, while OPEN: RESOLVED, closed_on = S ----

    [Fact]
    public void Fold_MetWhileOpen_ResolvesWithClosedOnSAndShortfallZero()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20)]);

        // 10/20 = 50.00 % meets 50 exactly (1000 >= 1000): shortfall 0 once met, gap 0.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Resolved),
            () => alert.ClosedOn.ShouldBe(Dates.Day("2024-04-11")),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.LastSeenOn.ShouldBe(Dates.Day("2024-04-11")),
            () => alert.Shortfall.ShouldBe(0),
            () => (alert.Numerator, alert.Denominator).ShouldBe((10L, 20L)),
            () => alert.Ratio.ShouldBe(50.00m),
            () => alert.Gap.ShouldBe(0.00m),
            () => alert.LastEvent.ShouldBe(AlertEvent.Opened));
    }

    [Fact]
    public void Fold_MetWithDExactlyMinDenominator_Resolves()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 0, 10), Row("2024-04-11", 5, 10)]);

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Resolved);
        alert.ClosedOn.ShouldBe(Dates.Day("2024-04-11"));
    }

    [Fact]
    public void Fold_MetAgainWhileResolved_KeepsFirstClosedOn()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20), Row("2024-04-12", 12, 20)]);

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Resolved);
        alert.ClosedOn.ShouldBe(Dates.Day("2024-04-11"));
        alert.LastSeenOn.ShouldBe(Dates.Day("2024-04-12"));
    }

    // ---- neither (no data, D < MinDenominator, no target): unchanged, last_seen_on advances ----

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherWhileOpen_UnchangedButLastSeenOnAdvances(string why, long n, long d, string? target)
    {
        var sut = CreateSut();
        var open = sut.Step(null, Row("2024-04-10", 3, 20)).ShouldNotBeNull();

        var after = sut.Step(open, Row("2024-04-11", n, d, target));

        after.ShouldBe(open with { LastSeenOn = Dates.Day("2024-04-11") }, why);
    }

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherWhileResolved_UnchangedButLastSeenOnAdvances(string why, long n, long d, string? target)
    {
        var sut = CreateSut();
        var resolved = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20)]).ShouldNotBeNull();

        var after = sut.Step(resolved, Row("2024-04-12", n, d, target));

        after.ShouldBe(resolved with { LastSeenOn = Dates.Day("2024-04-12") }, why);
    }

    // ---- a miss on the period's last day, its row final: MISSED, closed_on = S (from any state) ----

    [Fact]
    public void Step_MissOnLastDayFinalWithNoAlert_MissedOpenedAndClosedOnS()
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row(LastDay, 37, 100, isFinal: true));

        // 37/100 against 50: shortfall ceil(50) − 37 = 13; 3700 < 4000: CRITICAL.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Missed),
            () => alert.OpenedOn.ShouldBe(Dates.Day(LastDay)),
            () => alert.ClosedOn.ShouldBe(Dates.Day(LastDay)),
            () => alert.LastSeenOn.ShouldBe(Dates.Day(LastDay)),
            () => alert.Shortfall.ShouldBe(13),
            () => alert.Severity.ShouldBe(AlertSeverity.Critical));
    }

    [Fact]
    public void Fold_MissOnLastDayFinalWhileOpen_MissedWithLatestFigures()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 3, 20), Row(LastDay, 45, 100, isFinal: true)]);

        // 45/100: gap 5.00, WARNING (4500 >= 4000), shortfall 5.
        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Missed),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")),
            () => alert.ClosedOn.ShouldBe(Dates.Day(LastDay)),
            () => alert.Ratio.ShouldBe(45.00m),
            () => alert.Gap.ShouldBe(5.00m),
            () => alert.Shortfall.ShouldBe(5),
            () => alert.Severity.ShouldBe(AlertSeverity.Warning));
    }

    [Fact]
    public void Fold_MissOnLastDayFinalWhileResolved_Missed()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20), Row(LastDay, 40, 100, isFinal: true)]);

        alert.ShouldNotBeNull();
        alert.Status.ShouldBe(AlertStatus.Missed);
        alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10"));
        alert.ClosedOn.ShouldBe(Dates.Day(LastDay));
    }

    [Theory]
    [InlineData("2024-02-01", "2024-02-29")] // a leap February ends on the 29th
    [InlineData("2023-02-01", "2023-02-28")]
    [InlineData("2024-12-01", "2024-12-31")]
    public void Step_MissOnMonthsLastDayFinal_Missed(string periodStart, string lastDay)
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row(lastDay, 0, 10, isFinal: true) with { PeriodStart = Dates.Day(periodStart) });

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Missed);
        alert.ClosedOn.ShouldBe(Dates.Day(lastDay));
    }

    [Fact]
    public void Step_MissOnDayBeforeLeapDayFinal_StaysOpen()
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row("2024-02-28", 0, 10, isFinal: true) with { PeriodStart = Dates.Day("2024-02-01") });

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Open);
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2024-04-17", "2024-04-17")] // a DAY period's only day is its last
    [InlineData(PeriodKind.Qtd, "2024-04-01", "2024-06-30")]
    [InlineData(PeriodKind.Ytd, "2024-01-01", "2024-12-31")]
    public void Step_MissOnOtherPeriodKindsLastDayFinal_Missed(PeriodKind period, string periodStart, string lastDay)
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row(lastDay, 0, 10, isFinal: true) with { Period = period, PeriodStart = Dates.Day(periodStart) });

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Missed);
        alert.ClosedOn.ShouldBe(Dates.Day(lastDay));
    }

    [Fact]
    public void Step_MissOnQuarterMonthEndFinal_StaysOpen()
    {
        var sut = CreateSut();

        // 30 April ends the month, not the quarter.
        var alert = sut.Step(null, Row(LastDay, 0, 10, isFinal: true) with { Period = PeriodKind.Qtd });

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Open);
    }

    // ---- neither on the period's last day, its row final, while OPEN: MISSED, closed_on = S ----

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherOnLastDayFinalWhileOpen_Missed(string why, long n, long d, string? target)
    {
        var sut = CreateSut();
        var open = sut.Step(null, Row("2024-04-10", 3, 20)).ShouldNotBeNull();

        var alert = sut.Step(open, Row(LastDay, n, d, target, isFinal: true));

        alert.ShouldNotBeNull();
        alert.Status.ShouldBe(AlertStatus.Missed, why);
        alert.ClosedOn.ShouldBe(Dates.Day(LastDay), why);
        alert.LastSeenOn.ShouldBe(Dates.Day(LastDay), why);
        alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10"), why);
    }

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherOnLastDayFinalWhileResolved_StaysResolved(string why, long n, long d, string? target)
    {
        var sut = CreateSut();
        var resolved = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20)]).ShouldNotBeNull();

        var alert = sut.Step(resolved, Row(LastDay, n, d, target, isFinal: true));

        alert.ShouldBe(resolved with { LastSeenOn = Dates.Day(LastDay) }, why);
    }

    // ---- met on the period's last day, final, while OPEN: RESOLVED ----

    [Fact]
    public void Step_MetOnLastDayFinalWhileOpen_Resolved()
    {
        var sut = CreateSut();
        var open = sut.Step(null, Row("2024-04-10", 3, 20)).ShouldNotBeNull();

        var alert = sut.Step(open, Row(LastDay, 50, 100, isFinal: true));

        alert.ShouldNotBeNull();
        alert.Status.ShouldBe(AlertStatus.Resolved);
        alert.ClosedOn.ShouldBe(Dates.Day(LastDay));
        alert.Shortfall.ShouldBe(0);
    }

    // ---- the last day's row not final (computed during that day): no MISSED yet ----

    [Fact]
    public void Step_MissOnLastDayNotFinal_StaysOpen()
    {
        var sut = CreateSut();
        var open = sut.Step(null, Row("2024-04-10", 3, 20)).ShouldNotBeNull();

        var alert = sut.Step(open, Row(LastDay, 4, 20, isFinal: false));

        alert.ShouldNotBeNull();
        alert.Status.ShouldBe(AlertStatus.Open);
        alert.ClosedOn.ShouldBeNull();
        alert.LastSeenOn.ShouldBe(Dates.Day(LastDay));
    }

    [Fact]
    public void Step_MissOnLastDayNotFinalWithNoAlert_OpensOnly()
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row(LastDay, 0, 10, isFinal: false));

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Open);
        alert.ClosedOn.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(NeitherRows))]
    public void Step_NeitherOnLastDayNotFinalWhileOpen_StaysOpen(string why, long n, long d, string? target)
    {
        var sut = CreateSut();
        var open = sut.Step(null, Row("2024-04-10", 3, 20)).ShouldNotBeNull();

        var alert = sut.Step(open, Row(LastDay, n, d, target, isFinal: false));

        alert.ShouldBe(open with { LastSeenOn = Dates.Day(LastDay) }, why);
    }

    [Fact]
    public void Step_MissFinalBeforeLastDay_StaysOpen()
    {
        var sut = CreateSut();

        // Every past day's row is final; only the period's last day closes it.
        var alert = sut.Step(null, Row("2024-04-29", 0, 10, isFinal: true));

        alert.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Open);
        alert.ClosedOn.ShouldBeNull();
    }

    [Fact]
    public void Fold_LastDayNotFinalThenFinal_MissedOnceRecomputedAfterTheDayEnded()
    {
        var sut = CreateSut();
        var open = sut.Fold([Row("2024-04-10", 3, 20), Row(LastDay, 4, 20, isFinal: false)]);
        open.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Open);

        // The same date taken at its latest computation (after the day ended) replaces the earlier one.
        var missed = sut.Fold([Row("2024-04-10", 3, 20), Row(LastDay, 4, 20, isFinal: true)]);

        missed.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Missed);
        missed.ClosedOn.ShouldBe(Dates.Day(LastDay));
    }

    // ---- severity: CRITICAL exactly when 100 × N < (target − gap) × D, else WARNING ----

    [Theory]
    [InlineData(39, 100, "50", "10", AlertSeverity.Critical)] // 3900 < 4000
    [InlineData(40, 100, "50", "10", AlertSeverity.Warning)]  // 4000 = 4000: not below
    [InlineData(8, 21, "50", "10", AlertSeverity.Critical)]   // 800 < 840
    [InlineData(9, 21, "50", "10", AlertSeverity.Warning)]    // 900 >= 840 (and 900 < 1050: still a miss)
    [InlineData(0, 10, "45", "10", AlertSeverity.Critical)]   // 0 < 350
    [InlineData(35, 100, "45", "10", AlertSeverity.Warning)]  // 3500 = 3500
    [InlineData(34, 100, "45", "10", AlertSeverity.Critical)]
    [InlineData(89, 100, "100", "10", AlertSeverity.Critical)] // 8900 < 9000
    [InlineData(90, 100, "100", "10", AlertSeverity.Warning)]
    [InlineData(19_999, 20_000, "100", "10", AlertSeverity.Warning)] // shows 100.00, still a miss, a WARNING
    [InlineData(44, 100, "50", "5", AlertSeverity.Critical)] // CriticalGapPoints 5: 4400 < 4500
    [InlineData(45, 100, "50", "5", AlertSeverity.Warning)]
    [InlineData(49, 100, "50", "0", AlertSeverity.Critical)] // gap 0: every miss is CRITICAL
    [InlineData(1, 3, "43.34", "10", AlertSeverity.Critical)] // 100 < 33.34 × 3 = 100.02
    [InlineData(1, 3, "43.33", "10", AlertSeverity.Warning)]  // 100 >= 33.33 × 3 = 99.99
    public void Step_Miss_SeverityCriticalExactlyBelowTargetMinusGap(long n, long d, string target, string gap, AlertSeverity expected)
    {
        var sut = CreateSut(minDenominator: 1, criticalGapPoints: Dates.Dec(gap));

        var alert = sut.Step(null, Row("2024-04-10", n, d, target));

        alert.ShouldNotBeNull().Severity.ShouldBe(expected);
    }

    [Fact]
    public void Fold_WarningToCritical_EscalatedEventDatedS()
    {
        var sut = CreateSut();

        // 45/100: 4500 >= 4000 WARNING; then 45/120: 4500 < 40 × 120 = 4800 CRITICAL.
        var alert = sut.Fold([Row("2024-04-10", 45, 100), Row("2024-04-11", 45, 120)]);

        alert.ShouldNotBeNull();
        alert.ShouldSatisfyAllConditions(
            () => alert.Status.ShouldBe(AlertStatus.Open),
            () => alert.Severity.ShouldBe(AlertSeverity.Critical),
            () => alert.LastEvent.ShouldBe(AlertEvent.Escalated),
            () => alert.LastEventOn.ShouldBe(Dates.Day("2024-04-11")),
            () => alert.OpenedOn.ShouldBe(Dates.Day("2024-04-10")));
    }

    [Fact]
    public void Fold_CriticalToWarning_NoEvent()
    {
        var sut = CreateSut();

        // 30/100 CRITICAL, then 45/100 WARNING: the alert opened on the 10th, and nothing new happened since.
        var alert = sut.Fold([Row("2024-04-10", 30, 100), Row("2024-04-11", 45, 100)]);

        alert.ShouldNotBeNull();
        alert.Severity.ShouldBe(AlertSeverity.Warning);
        alert.LastEvent.ShouldBe(AlertEvent.Opened);
        alert.LastEventOn.ShouldBe(Dates.Day("2024-04-10"));
    }

    [Fact]
    public void Fold_StaysCritical_NoEscalation()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 30, 100), Row("2024-04-11", 31, 100)]);

        alert.ShouldNotBeNull();
        alert.LastEvent.ShouldBe(AlertEvent.Opened);
        alert.LastEventOn.ShouldBe(Dates.Day("2024-04-10"));
    }

    [Fact]
    public void Fold_CriticalWarningCriticalAgain_EscalatedDatedTheSecondRise()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 30, 100), Row("2024-04-11", 45, 100), Row("2024-04-12", 45, 120)]);

        alert.ShouldNotBeNull();
        alert.LastEvent.ShouldBe(AlertEvent.Escalated);
        alert.LastEventOn.ShouldBe(Dates.Day("2024-04-12"));
    }

    [Fact]
    public void Fold_WarningStaysWarning_NoEvent()
    {
        var sut = CreateSut();

        var alert = sut.Fold([Row("2024-04-10", 45, 100), Row("2024-04-11", 46, 100)]);

        alert.ShouldNotBeNull();
        alert.LastEvent.ShouldBe(AlertEvent.Opened);
        alert.LastEventOn.ShouldBe(Dates.Day("2024-04-10"));
    }

    // ---- shortfall: ceil(target × D / 100) − N; 0 once met ----

    [Theory]
    [InlineData(37, 100, "50", 13)]        // ceil(50) − 37
    [InlineData(3, 21, "45", 7)]           // ceil(9.45) = 10 − 3
    [InlineData(0, 21, "45", 10)]          // ceil(9.45) − 0
    [InlineData(9, 21, "45", 1)]           // 900 < 945: a miss; 10 − 9
    [InlineData(19_999, 20_000, "100", 1)] // shows 100.00, one dossier short
    [InlineData(0, 10, "80", 8)]
    [InlineData(79, 100, "79.5", 1)]       // ceil(79.5) = 80 − 79
    public void Step_Miss_ShortfallIsCeilTargetTimesDOver100MinusN(long n, long d, string target, long expected)
    {
        var sut = CreateSut();

        var alert = sut.Step(null, Row("2024-04-10", n, d, target));

        alert.ShouldNotBeNull().Shortfall.ShouldBe(expected);
    }

    // ---- restating a snapshot re-folds its period: a MISSED can become RESOLVED ----

    [Fact]
    public void Fold_RestatedMiddleRowMet_MissedBecomesResolved()
    {
        var sut = CreateSut();

        // The last day's row has no target (a set without this indicator came into force): OPEN → MISSED.
        var published = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-20", 8, 20), Row(LastDay, 8, 20, target: null, isFinal: true)]);
        published.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Missed);

        // The 20th restated: 10/20 meets 50 → RESOLVED that day; the last day (neither) leaves RESOLVED alone.
        var restated = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-20", 10, 20), Row(LastDay, 10, 20, target: null, isFinal: true)]);

        restated.ShouldNotBeNull();
        restated.ShouldSatisfyAllConditions(
            () => restated.Status.ShouldBe(AlertStatus.Resolved),
            () => restated.ClosedOn.ShouldBe(Dates.Day("2024-04-20")),
            () => restated.LastSeenOn.ShouldBe(Dates.Day(LastDay)),
            () => restated.Shortfall.ShouldBe(0));
    }

    [Fact]
    public void Fold_RestatedTailMet_MissedBecomesResolvedOnTheRestatedDay()
    {
        var sut = CreateSut();

        var published = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-20", 8, 20), Row(LastDay, 8, 20, isFinal: true)]);
        published.ShouldNotBeNull().Status.ShouldBe(AlertStatus.Missed);
        published.ClosedOn.ShouldBe(Dates.Day(LastDay));

        // Two dossiers of the 20th corrected to online: every MTD row from the 20th on counts them.
        var restated = sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-20", 10, 20), Row(LastDay, 10, 20, isFinal: true)]);

        restated.ShouldNotBeNull();
        restated.Status.ShouldBe(AlertStatus.Resolved);
        restated.ClosedOn.ShouldBe(Dates.Day("2024-04-20"));
    }

    [Fact]
    public void Fold_RestatedOnlyMissMet_NoAlert()
    {
        var sut = CreateSut();

        sut.Fold([Row("2024-04-10", 3, 20), Row("2024-04-11", 10, 20)]).ShouldNotBeNull();

        sut.Fold([Row("2024-04-10", 10, 20), Row("2024-04-11", 10, 20)]).ShouldBeNull();
    }

    [Fact]
    public void Fold_SameRowsTwice_SameAlert()
    {
        var sut = CreateSut();
        SnapshotRow[] rows =
        [
            Row("2024-04-10", 45, 100), Row("2024-04-11", 45, 120), Row("2024-04-12", 60, 120), Row("2024-04-13", 60, 130),
            Row("2024-04-14", 0, 0), Row(LastDay, 61, 130, isFinal: true),
        ];

        sut.Fold(rows).ShouldBe(sut.Fold(rows));
    }

    private static AlertFold CreateSut(long minDenominator = 10, decimal criticalGapPoints = 10m) =>
        new(minDenominator, criticalGapPoints);

    /// <summary>
    /// A UNIT U1 (level 3) MTD ONLINE_DOSSIER row of April 2024 as the store holds it: ratio rounded half away from
    /// zero, met = 100 × N >= target × D, both null without data (and met null without a target).
    /// </summary>
    private static SnapshotRow Row(string date, long n, long d, string? target = "50", bool isFinal = false)
    {
        decimal? targetValue = target is null ? null : Dates.Dec(target);
        decimal? ratio = d == 0 ? null : Math.Round(100m * n / d, 2, MidpointRounding.AwayFromZero);
        bool? met = d == 0 || targetValue is null ? null : 100m * n >= targetValue.Value * d;
        return new SnapshotRow(Dates.Day(date), Key.Period, Key.PeriodStart, Key.Scope, Key.ScopeId, 3, Key.Indicator,
            n, d, ratio, targetValue, met, isFinal);
    }
}
