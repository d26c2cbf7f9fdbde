using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// The OPS notification (service issue): once when two runs in a row fail or no poll has succeeded for two hours,
/// once more when it recovers; nothing in between, and a stop of the service is not a failure.
/// </summary>
public sealed class OpsWatchTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 11, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StartedLongAgo = Now.AddDays(-1);

    [Fact]
    public void Evaluate_TwoRunsInARowFailed_RaisesOneProblemNamingBoth()
    {
        var verdict = CreateSut().Evaluate([Failed(12, "source unreachable"), Failed(11, "source unreachable"), Succeeded(10)],
            Now.AddMinutes(-20), StartedLongAgo, notifiedProblem: null);

        verdict.Notice.ShouldNotBeNull();
        verdict.Notice.Kind.ShouldBe(OpsNoticeKind.Problem);
        verdict.Notice.Details.ShouldHaveSingleItem().ShouldContain("run 12");
        verdict.Notice.Details[0].ShouldContain("run 11");
        verdict.Problem.ShouldNotBeNull();
    }

    [Fact]
    public void Evaluate_OneFailureAfterASuccess_SaysNothing()
    {
        var verdict = CreateSut().Evaluate([Failed(12, "boom"), Succeeded(11)], Now.AddMinutes(-20), StartedLongAgo, null);

        verdict.Notice.ShouldBeNull();
        verdict.Problem.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_StillFailingAfterNotice_DoesNotRepeatIt()
    {
        var verdict = CreateSut().Evaluate([Failed(14, "x"), Failed(13, "x"), Failed(12, "x")], Now.AddMinutes(-50), StartedLongAgo,
            notifiedProblem: "the last 2 runs failed: ...");

        verdict.Notice.ShouldBeNull();
        verdict.Problem.ShouldBe("the last 2 runs failed: ...");
    }

    [Fact]
    public void Evaluate_SucceedsAgainAfterNotice_SendsRecoveredOnce()
    {
        var sut = CreateSut();

        var verdict = sut.Evaluate([Succeeded(15), Failed(14, "x"), Failed(13, "x")], Now.AddMinutes(-1), StartedLongAgo, "the last 2 runs failed");

        verdict.Notice.ShouldNotBeNull();
        verdict.Notice.Kind.ShouldBe(OpsNoticeKind.Recovered);
        verdict.Problem.ShouldBeNull();
        sut.Evaluate([Succeeded(16), Succeeded(15)], Now.AddMinutes(-1), StartedLongAgo, verdict.Problem).Notice.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_RunsStoppedByServiceStop_AreNeitherFailuresNorSuccesses()
    {
        var stopped = Failed(13, "stopped before it finished (service stop)");

        var verdict = CreateSut().Evaluate([stopped, Failed(12, "x"), Failed(11, "x")], Now.AddMinutes(-20), StartedLongAgo, null);

        verdict.Notice.ShouldNotBeNull().Kind.ShouldBe(OpsNoticeKind.Problem);
        verdict.Notice.Details[0].ShouldContain("run 12");
        verdict.Notice.Details[0].ShouldNotContain("run 13");
    }

    [Fact]
    public void Evaluate_AbandonedRunsCountAsFailures()
    {
        var abandoned = new RunRecord(12, "poll", "ABANDONED", null, Now.AddMinutes(-40), Now.AddMinutes(-30), "found RUNNING by a later run", 0, 0, 0, 0);

        CreateSut().Evaluate([Failed(13, "x"), abandoned], Now.AddMinutes(-20), StartedLongAgo, null).Notice.ShouldNotBeNull();
    }

    [Fact]
    public void Evaluate_NoPollSucceededForMoreThanTwoHours_RaisesAProblem()
    {
        var verdict = CreateSut().Evaluate([Succeeded(20, "reconcile")], Now.AddHours(-2).AddMinutes(-1), StartedLongAgo, null);

        verdict.Notice.ShouldNotBeNull().Kind.ShouldBe(OpsNoticeKind.Problem);
        verdict.Notice.Summary.ShouldContain("no poll has succeeded");
    }

    [Fact]
    public void Evaluate_LastPollJustUnderTwoHoursAgo_IsHealthy()
    {
        CreateSut().Evaluate([Succeeded(20)], Now.AddHours(-2).AddMinutes(1), StartedLongAgo, null).Notice.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_ServiceJustStartedAfterLongDowntime_GivesItsPollsTwoHours()
    {
        // Down for a day: the make-up poll runs at start; the watch counts from the start, not from the last poll.
        var verdict = CreateSut().Evaluate([Succeeded(20, "day-close")], Now.AddDays(-1), watchingSince: Now.AddMinutes(-1), null);

        verdict.Notice.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_NoPollEverAndServiceUpForThreeHours_RaisesAProblem()
    {
        var verdict = CreateSut().Evaluate([], null, watchingSince: Now.AddHours(-3), null);

        verdict.Notice.ShouldNotBeNull().Summary.ShouldContain("since the service started");
    }

    private static OpsWatch CreateSut() => new(new FakeTimeProvider(Now));

    private static RunRecord Succeeded(long id, string kind = "poll") =>
        new(id, kind, "SUCCEEDED", null, Now.AddMinutes(-id), Now.AddMinutes(-id).AddSeconds(5), null, 0, 0, 0, 0);

    private static RunRecord Failed(long id, string error) =>
        new(id, "poll", "FAILED", null, Now.AddMinutes(-id), Now.AddMinutes(-id).AddSeconds(5), error, 0, 0, 0, 0);
}
