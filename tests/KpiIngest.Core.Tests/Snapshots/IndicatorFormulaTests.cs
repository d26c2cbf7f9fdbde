using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Snapshots;

/// <summary>
/// indicators.md, "The nine indicators", on hand-made dossiers of April 2024 (MTD as of 30 April), through
/// DossierFact → daily counts → RunningPeriodSums → SnapshotComposer. Expected N and D are counted by hand
/// from the table.
/// </summary>
public sealed class IndicatorFormulaTests
{
    private const string AsOf = "2024-04-30";

    /// <summary>One provincial unit U1, active throughout.</summary>
    private static World CreateWorld() => new World().Unit("U1", level: 1);

    private static SnapshotRow Province(World world, IndicatorCode code) => world.Compose(AsOf, PeriodKind.Mtd).Province(code);

    // ---- Words: received / resolved in period -------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Compose_NewOrRefusedDossier_NotReceived(int status)
    {
        var world = CreateWorld().Dossier(d => d with { Status = status, Channel = 2 });

        Province(world, IndicatorCode.OnlineDossier).ShouldCount(0, 0);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Compose_ReceivedStatus_Received(int status)
    {
        var world = CreateWorld().Dossier(d => d with { Status = status, Channel = 2 });

        Province(world, IndicatorCode.OnlineDossier).ShouldCount(1, 1);
    }

    [Fact]
    public void Compose_ReceivedAt235959OnLastDayOfPeriod_InPeriod()
    {
        var world = CreateWorld().Dossier(d => d with { ReceivedAt = Dates.At("2024-04-30 23:59:59") });

        Province(world, IndicatorCode.OnlineDossier).Denominator.ShouldBe(1);
    }

    [Fact]
    public void Compose_ReceivedAt235959DayBeforePeriod_NotInPeriod()
    {
        var world = CreateWorld().Dossier(d => d with { ReceivedAt = Dates.At("2024-03-31 23:59:59") });

        Province(world, IndicatorCode.OnlineDossier).Denominator.ShouldBe(0);
    }

    [Fact]
    public void Compose_ReceivedAtMidnightAfterAsOf_NotInPeriod()
    {
        var world = CreateWorld().Dossier(d => d with { ReceivedAt = Dates.At("2024-05-01 00:00:00") });

        Province(world, IndicatorCode.OnlineDossier).Denominator.ShouldBe(0);
    }

    [Fact]
    public void Compose_ProcessingWithResolvedAt_NotResolved()
    {
        var world = CreateWorld().Dossier(d => d with { Status = 4, EResult = true, ResolvedAt = Dates.At("2024-04-12 10:00:00") });

        Province(world, IndicatorCode.EResult).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_ReceivedBeforePeriodResolvedInIt_ResolvedInPeriodOnly()
    {
        var world = CreateWorld().Dossier(d => World.Resolved(d with { ReceivedAt = Dates.At("2024-03-20 09:00:00"), EResult = true },
            "2024-04-02 10:00:00"));

        var rows = world.Compose(AsOf, PeriodKind.Mtd);

        rows.Province(IndicatorCode.EResult).ShouldCount(1, 1);
        rows.Province(IndicatorCode.OnlineDossier).ShouldCount(0, 0);
    }

    // ---- 1 ONLINE_DOSSIER -------------------------------------------------------------------

    [Fact]
    public void Compose_OnlineDossier_OnlineChannelOverReceived()
    {
        var world = CreateWorld()
            .ManyDossiers(2, d => d with { Channel = 2 })
            .Dossier(d => d with { Channel = 1 })
            .Dossier(d => d with { Channel = 3 });

        Province(world, IndicatorCode.OnlineDossier).ShouldCount(2, 4);
    }

    // ---- 2 ONLINE_PAYMENT -------------------------------------------------------------------

    [Fact]
    public void Compose_OnlinePayment_DenominatorIsReceivedWithPositiveFee()
    {
        var world = CreateWorld()
            .Dossier(d => d with { FeeAmount = null, PaidOnline = 1 })
            .Dossier(d => d with { FeeAmount = 0m, PaidOnline = 1 })
            .Dossier(d => d with { FeeAmount = 0.01m, PaidOnline = 0 })
            .Dossier(d => d with { FeeAmount = 50000m, PaidOnline = 0 })
            .Dossier(d => d with { FeeAmount = 50000m, Status = 1, PaidOnline = 1 });

        Province(world, IndicatorCode.OnlinePayment).Denominator.ShouldBe(2);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(0, 0)]
    public void Compose_OnlinePayment_PaidOnlineOneOrTwoCounts(int paidOnline, long expectedN)
    {
        var world = CreateWorld().Dossier(d => d with { FeeAmount = 50000m, PaidOnline = paidOnline });

        Province(world, IndicatorCode.OnlinePayment).ShouldCount(expectedN, 1);
    }

    [Fact]
    public void Compose_OnlinePayment_PaidOnlineWithoutFeeNotInNumerator()
    {
        var world = CreateWorld()
            .Dossier(d => d with { FeeAmount = null, PaidOnline = 1 })
            .Dossier(d => d with { FeeAmount = 20000m, PaidOnline = 2 });

        Province(world, IndicatorCode.OnlinePayment).ShouldCount(1, 1);
    }

    // ---- 3 DIGITIZED, 5 DATA_REUSE ----------------------------------------------------------

    [Fact]
    public void Compose_Digitized_DigitizedOverReceived()
    {
        var world = CreateWorld()
            .ManyDossiers(2, d => d with { Digitized = true })
            .Dossier()
            .Dossier(d => d with { Digitized = true, Status = 3 });

        Province(world, IndicatorCode.Digitized).ShouldCount(2, 3);
    }

    [Fact]
    public void Compose_DataReuse_ReusedOverReceived()
    {
        var world = CreateWorld()
            .Dossier(d => d with { ReusedData = true })
            .ManyDossiers(3)
            .Dossier(d => d with { ReusedData = true, Status = 1 });

        Province(world, IndicatorCode.DataReuse).ShouldCount(1, 4);
    }

    // ---- 4 E_RESULT -------------------------------------------------------------------------

    [Fact]
    public void Compose_EResult_RequiresResultPairCounted()
    {
        var world = CreateWorld().Pair("U1", "P1", requiresResult: true)
            .Dossier(d => World.Resolved(d with { EResult = true }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d, "2024-04-12 10:00:00", status: 9));

        Province(world, IndicatorCode.EResult).ShouldCount(1, 2);
    }

    [Fact]
    public void Compose_EResult_PairWithoutResultExcluded()
    {
        var world = CreateWorld().Pair("U1", "P0", requiresResult: false)
            .Dossier(d => World.Resolved(d with { ProcedureCode = "P0", EResult = true }, "2024-04-12 10:00:00"));

        Province(world, IndicatorCode.EResult).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_EResult_UncataloguedPairCountsAsRequiringResult()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PX", EResult = true }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PX" }, "2024-04-12 10:00:00"));

        Province(world, IndicatorCode.EResult).ShouldCount(1, 2);
    }

    [Fact]
    public void Compose_EResult_MixedCatalog_CountsRequiringAndMissingPairsOnly()
    {
        var world = CreateWorld()
            .Pair("U1", "PR1", requiresResult: true)
            .Pair("U1", "PR0", requiresResult: false)
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PR1", EResult = true }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PR1" }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PR0", EResult = true }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PX", EResult = true }, "2024-04-12 10:00:00"))
            .Dossier(d => World.Resolved(d with { ProcedureCode = "PX" }, "2024-04-12 10:00:00"))
            .Dossier(d => d with { ProcedureCode = "PR1", EResult = true }); // received, not resolved

        Province(world, IndicatorCode.EResult).ShouldCount(2, 4);
    }

    // ---- 6 ONLINE_SERVICE_USED --------------------------------------------------------------

    [Fact]
    public void Compose_OnlineServiceUsed_DenominatorIsPartlyOrFullyOnlinePairs()
    {
        var world = CreateWorld()
            .Pair("U1", "M0", onlineMode: 0)
            .Pair("U1", "M2", onlineMode: 2)
            .Pair("U1", "M3", onlineMode: 3)
            .Pair("U1", "M4", onlineMode: 4);

        Province(world, IndicatorCode.OnlineServiceUsed).ShouldCount(0, 2);
    }

    [Fact]
    public void Compose_OnlineServiceUsed_NumeratorIsPairsWithAnOnlineDossierReceived()
    {
        var world = CreateWorld()
            .Pair("U1", "A", onlineMode: 3)
            .Pair("U1", "B", onlineMode: 4)
            .Pair("U1", "C", onlineMode: 3)
            .ManyDossiers(3, d => d with { ProcedureCode = "A", Channel = 2 }) // one pair however many dossiers
            .Dossier(d => d with { ProcedureCode = "B", Channel = 1 })         // in person only
            .Dossier(d => d with { ProcedureCode = "C", Channel = 2, Status = 1 }); // online but not received

        Province(world, IndicatorCode.OnlineServiceUsed).ShouldCount(1, 3);
    }

    [Fact]
    public void Compose_OnlineServiceUsed_OnlineDossierBeforePeriodNotCounted()
    {
        var world = CreateWorld()
            .Pair("U1", "A", onlineMode: 3)
            .Dossier(d => d with { ProcedureCode = "A", Channel = 2, ReceivedAt = Dates.At("2024-03-31 10:00:00") });

        Province(world, IndicatorCode.OnlineServiceUsed).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_OnlineServiceUsed_OnlineDossierAtAnotherUnitNotCounted()
    {
        var world = CreateWorld().Unit("U2", level: 1)
            .Pair("U1", "A", onlineMode: 3)
            .Dossier(d => d with { UnitId = "U2", ProcedureCode = "A", Channel = 2 });

        Province(world, IndicatorCode.OnlineServiceUsed).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_OnlineServiceUsed_PairOfUnitInactiveInPeriodExcluded()
    {
        var world = CreateWorld().Unit("U2", level: 1, activeTo: "2024-03-31")
            .Pair("U1", "A", onlineMode: 3)
            .Pair("U2", "A", onlineMode: 3);

        Province(world, IndicatorCode.OnlineServiceUsed).Denominator.ShouldBe(1);
    }

    [Theory]
    [InlineData(null, "2024-04-01")] // abolished on the first day of the period
    [InlineData("2024-04-30", null)] // created on the last day
    public void Compose_OnlineServiceUsed_PairOfUnitActiveOnSomeDayIncluded(string? activeFrom, string? activeTo)
    {
        var world = CreateWorld().Unit("U2", level: 1, activeFrom: activeFrom, activeTo: activeTo)
            .Pair("U1", "A", onlineMode: 3)
            .Pair("U2", "A", onlineMode: 3);

        Province(world, IndicatorCode.OnlineServiceUsed).Denominator.ShouldBe(2);
    }

    [Fact]
    public void Compose_OnlineServiceUsed_InactiveUnitWithOnlineDossierPairStillExcluded()
    {
        var world = CreateWorld().Unit("U2", level: 1, activeTo: "2024-03-31")
            .Pair("U2", "A", onlineMode: 3)
            .Dossier(d => d with { UnitId = "U2", ProcedureCode = "A", Channel = 2 });

        Province(world, IndicatorCode.OnlineServiceUsed).ShouldCount(0, 0);
    }

    // ---- 7 ONLINE_PAYMENT_USED --------------------------------------------------------------

    [Fact]
    public void Compose_OnlinePaymentUsed_DenominatorIsPairsWithFeeAndOnlinePayment()
    {
        var world = CreateWorld()
            .Pair("U1", "F11", hasFee: true, onlinePayment: true)
            .Pair("U1", "F01", hasFee: false, onlinePayment: true)
            .Pair("U1", "F10", hasFee: true, onlinePayment: false)
            .Pair("U1", "F00");

        Province(world, IndicatorCode.OnlinePaymentUsed).ShouldCount(0, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Compose_OnlinePaymentUsed_PaidOnlineOneOrTwoCounts(int paidOnline)
    {
        var world = CreateWorld()
            .Pair("U1", "F", hasFee: true, onlinePayment: true)
            .Dossier(d => d with { ProcedureCode = "F", FeeAmount = 10000m, PaidOnline = paidOnline });

        Province(world, IndicatorCode.OnlinePaymentUsed).ShouldCount(1, 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void Compose_OnlinePaymentUsed_FeeAmountNotConsulted(string? fee)
    {
        var world = CreateWorld()
            .Pair("U1", "F", hasFee: true, onlinePayment: true)
            .Dossier(d => d with { ProcedureCode = "F", FeeAmount = fee is null ? null : Dates.Dec(fee), PaidOnline = 2 });

        Province(world, IndicatorCode.OnlinePaymentUsed).ShouldCount(1, 1);
    }

    [Fact]
    public void Compose_OnlinePaymentUsed_NotPaidOnlineNotCounted()
    {
        var world = CreateWorld()
            .Pair("U1", "F", hasFee: true, onlinePayment: true)
            .Dossier(d => d with { ProcedureCode = "F", FeeAmount = 10000m, PaidOnline = 0, Channel = 2 });

        Province(world, IndicatorCode.OnlinePaymentUsed).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_OnlinePaymentUsed_PairOfUnitInactiveInPeriodExcluded()
    {
        var world = CreateWorld().Unit("U2", level: 1, activeFrom: "2024-05-01")
            .Pair("U1", "F", hasFee: true, onlinePayment: true)
            .Pair("U2", "F", hasFee: true, onlinePayment: true);

        Province(world, IndicatorCode.OnlinePaymentUsed).Denominator.ShouldBe(1);
    }

    // ---- 8 ON_TIME --------------------------------------------------------------------------

    [Fact]
    public void Compose_OnTime_ResolvedExactlyAtDueIsOnTime()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { DueAt = Dates.At("2024-04-12 17:00:00") }, "2024-04-12 17:00:00"));

        Province(world, IndicatorCode.OnTime).ShouldCount(1, 1);
    }

    [Fact]
    public void Compose_OnTime_ResolvedOneSecondLateIsLate()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { DueAt = Dates.At("2024-04-12 17:00:00") }, "2024-04-12 17:00:01"));

        Province(world, IndicatorCode.OnTime).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_OnTime_ResolvedEarlierTheSameDayComparesTimestamps()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { DueAt = Dates.At("2024-04-12 08:00:00") }, "2024-04-12 16:00:00"));

        Province(world, IndicatorCode.OnTime).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_OnTime_NoDueAtExcluded()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { DueAt = null }, "2024-04-12 17:00:00"));

        Province(world, IndicatorCode.OnTime).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_OnTime_UnresolvedExcluded()
    {
        var world = CreateWorld().Dossier(d => d with { DueAt = Dates.At("2024-04-12 17:00:00"), Status = 4 });

        Province(world, IndicatorCode.OnTime).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_OnTime_DueAndResolvedWithDifferentOffsets_ComparesInstants()
    {
        // 17:00 local is 10:00Z: resolved at the due instant, written with another offset.
        var raw = RawRowsBuilder.Dossier() with { DueAt = "2024-04-12 17:00:00", ResolvedAt = "2024-04-12T10:00:00Z" };
        var world = CreateWorld().Dossier(_ => RawRowsBuilder.Validate(raw).Good.Single());

        Province(world, IndicatorCode.OnTime).ShouldCount(1, 1);
    }

    // ---- 9 FULL_ONLINE_DOSSIER --------------------------------------------------------------

    [Fact]
    public void Compose_FullOnlineDossier_OnlyFullyOnlinePairsOnlineOverReceived()
    {
        var world = CreateWorld()
            .Pair("U1", "M4", onlineMode: 4)
            .Pair("U1", "M3", onlineMode: 3)
            .Dossier(d => d with { ProcedureCode = "M4", Channel = 2 })
            .Dossier(d => d with { ProcedureCode = "M4", Channel = 1 })
            .Dossier(d => d with { ProcedureCode = "M3", Channel = 2 });

        Province(world, IndicatorCode.FullOnlineDossier).ShouldCount(1, 2);
    }

    [Fact]
    public void Compose_FullOnlineDossier_UncataloguedExcluded()
    {
        var world = CreateWorld().Dossier(d => d with { ProcedureCode = "PX", Channel = 2 });

        Province(world, IndicatorCode.FullOnlineDossier).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_UncataloguedDossier_CountsWhereCatalogNotNeeded()
    {
        var world = CreateWorld().Dossier(d => d with { ProcedureCode = "PX", Channel = 2, Digitized = true });

        var rows = world.Compose(AsOf, PeriodKind.Mtd);

        rows.Province(IndicatorCode.OnlineDossier).ShouldCount(1, 1);
        rows.Province(IndicatorCode.Digitized).ShouldCount(1, 1);
    }

    // ---- ratio, target, met on the rows -----------------------------------------------------

    [Fact]
    public void Compose_OneOfThreeOnline_RatioTargetAndMetFromSpec()
    {
        var world = CreateWorld().Dossier(d => d with { Channel = 2 }).ManyDossiers(2);

        var row = Province(world, IndicatorCode.OnlineDossier);

        row.ShouldSatisfyAllConditions(
            () => row.Ratio.ShouldBe(33.33m),
            () => row.Target.ShouldBe(50m),
            () => row.Met.ShouldBe(false));
    }

    [Fact]
    public void Compose_NoData_RatioAndMetNull()
    {
        var row = Province(CreateWorld(), IndicatorCode.OnlineDossier);

        row.ShouldSatisfyAllConditions(
            () => row.Denominator.ShouldBe(0),
            () => row.Ratio.ShouldBeNull(),
            () => row.Met.ShouldBeNull());
    }

    [Fact]
    public void Compose_OnTimeWithoutTarget_MetNull()
    {
        var world = CreateWorld()
            .Dossier(d => World.Resolved(d with { DueAt = Dates.At("2024-04-12 17:00:00") }, "2024-04-12 10:00:00"));

        var row = Province(world, IndicatorCode.OnTime);

        row.ShouldSatisfyAllConditions(
            () => row.Ratio.ShouldBe(100m),
            () => row.Target.ShouldBeNull(),
            () => row.Met.ShouldBeNull());
    }

    [Fact]
    public void Compose_Row_CarriesSnapshotDatePeriodStartAndFinality()
    {
        var row = CreateWorld().Compose("2024-04-30", PeriodKind.Qtd, isFinal: false).Province(IndicatorCode.OnlineDossier);

        row.ShouldSatisfyAllConditions(
            () => row.SnapshotDate.ShouldBe(Dates.Day("2024-04-30")),
            () => row.Period.ShouldBe(PeriodKind.Qtd),
            () => row.PeriodStart.ShouldBe(Dates.Day("2024-04-01")),
            () => row.IsFinal.ShouldBeFalse());
    }

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 2)]
    [InlineData(PeriodKind.Qtd, 3)]
    [InlineData(PeriodKind.Ytd, 4)]
    public void Compose_PeriodKind_CountsDossiersFromPeriodStartToAsOf(PeriodKind kind, long expected)
    {
        var world = CreateWorld()
            .Dossier(d => d with { ReceivedAt = Dates.At("2024-01-15 09:00:00") })
            .Dossier(d => d with { ReceivedAt = Dates.At("2024-04-01 00:00:00") })
            .Dossier(d => d with { ReceivedAt = Dates.At("2024-05-20 09:00:00") })
            .Dossier(d => d with { ReceivedAt = Dates.At("2024-05-31 23:59:59") })
            .Dossier(d => d with { ReceivedAt = Dates.At("2024-06-01 00:00:00") });

        world.Compose("2024-05-31", kind).Province(IndicatorCode.OnlineDossier).Denominator.ShouldBe(expected);
    }
}
