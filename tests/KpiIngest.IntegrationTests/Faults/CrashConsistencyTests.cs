using System.Globalization;
using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker;
using KpiIngest.Worker.Pipeline;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>One place the real CLI is killed: the n-th checkpoint of a phase (FaultInjectionTestHook) of step A or B.</summary>
public sealed record KillPoint(int Index, char Step, string Phase, int N, string Label)
{
    /// <summary>Killed after the server accepted a digest and before it was marked sent: the one resend it may cause.</summary>
    public string? ResentMessageId => Phase == FaultInjectionTestHook.Email && Label.EndsWith(" sent, not marked", StringComparison.Ordinal)
        ? Label[..Label.IndexOf(' ', StringComparison.Ordinal)]
        : null;

    /// <summary>Killed before the checkpoint's write committed (or before a sent digest was marked), not after it.</summary>
    public bool BeforeCommit =>
        Label.EndsWith(" before commit", StringComparison.Ordinal) || Label.EndsWith(" sent, not marked", StringComparison.Ordinal);

    public override string ToString() => $"kill point {Index}: step {Step}, {Phase}:{N} ({Label})";
}

/// <summary>
/// The uninterrupted run both steps are compared with, made once per test class: step A then step B of
/// <see cref="FaultProvince"/> with the hook's trace on, which lists every checkpoint each step passes; the kill
/// points are drawn from those lists with a seeded Random, round-robin over the phases (ingest, snapshot, alerts,
/// email) and, within a phase, over its kinds of checkpoint (step A or B, before or after the commit), so that even
/// the default count of 8 kills the backfill's and the poll's ingest, both steps' snapshots, the alert fold before and
/// after it queued the digests, and the email step both between a digest's acceptance and its mark and after it.
/// </summary>
public sealed class CrashReference : IAsyncLifetime
{
    /// <summary>How many kill points: 8 by default (every <c>dotnet test</c>), KPIINGEST_FAULT_POINTS=50 or more in full (README, "Tests").</summary>
    public const string PointsVariable = "KPIINGEST_FAULT_POINTS";

    /// <summary>The default count: every phase and kind of checkpoint above, in about a minute on two idle cores.</summary>
    public const int DefaultPointCount = 8;

    /// <summary>Issue 6's full count ("at least 50 kill points"); KPIINGEST_FAULT_POINTS of this or more also runs the slow outage case.</summary>
    public const int FullPointCount = 50;

    /// <summary>Another draw of kill points: KPIINGEST_FAULT_SEED (default 6, the issue's number).</summary>
    public const string SeedVariable = "KPIINGEST_FAULT_SEED";

    private static readonly string[] Phases =
        [FaultInjectionTestHook.Ingest, FaultInjectionTestHook.Snapshot, FaultInjectionTestHook.Alerts, FaultInjectionTestHook.Email];

    private ProvinceWorkspace? _reference;

    public FaultProvince Province { get; } = new();

    public static int PointCount =>
        int.TryParse(Environment.GetEnvironmentVariable(PointsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultPointCount;

    public static bool IsFullRun => PointCount >= FullPointCount;

    public static int DrawSeed =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 6;

    /// <summary>The store after step A alone (kpi.db of the reference, copied), where every kill in step B starts from.</summary>
    public string StoreAfterA => Path.Combine(Province.Root, "reference-after-a.db");

    public StoreImage AfterA { get; private set; } = null!;

    public StoreImage AfterB { get; private set; } = null!;

    /// <summary>Message-IDs of the digests the uninterrupted run mailed, each once.</summary>
    public IReadOnlyList<string> MessageIds { get; private set; } = [];

    public IReadOnlyList<KillPoint> KillPoints { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _reference = Province.CreateWorkspace(Province.SourceA);
        var traceA = Path.Combine(Province.Root, "trace-a.txt");
        var traceB = Path.Combine(Province.Root, "trace-b.txt");
        (await _reference.RunAsync(Trace(traceA), Province.StepA)).ShouldSucceed();
        File.Copy(_reference.StorePath, StoreAfterA);
        AfterA = StoreImage.Read(StoreAfterA);

        FaultProvince.UseSource(_reference, Province.SourceB);
        var stepB = (await _reference.RunAsync(Trace(traceB), Province.StepB)).ShouldSucceed();
        AfterB = StoreImage.Read(_reference.StorePath);
        var mailed = Mailed(_reference.OutboxPath);
        mailed.Count.ShouldBeGreaterThanOrEqualTo(2, $"step B must mail several digests to test email kills.{Environment.NewLine}{stepB.Describe()}");
        mailed.Distinct().Count().ShouldBe(mailed.Count, "the uninterrupted run mails each digest once");
        MessageIds = [.. mailed.Order(StringComparer.Ordinal)];

        var candidates = Checkpoints('A', traceA).Concat(Checkpoints('B', traceB)).ToList();
        foreach (var phase in Phases)
        {
            candidates.ShouldContain(c => c.Phase == phase, $"the uninterrupted steps pass no {phase} checkpoint");
        }

        KillPoints = Draw(candidates, PointCount, new Random(DrawSeed));
        if (KillPoints.Count >= DefaultPointCount)
        {
            KillPoints.ShouldContain(p => p.ResentMessageId != null, "a kill between a digest's acceptance and its mark as sent (the one resend)");
            KillPoints.ShouldContain(p => p.Phase == FaultInjectionTestHook.Email && !p.BeforeCommit, "a kill after a digest was marked sent");
            KillPoints.ShouldContain(p => p.Phase == FaultInjectionTestHook.Ingest && p.Step == 'B', "a kill in the poll's ingest");
        }

        TestContext.Current.SendDiagnosticMessage(
            $"Fault injection: {candidates.Count} checkpoints in steps A and B, {KillPoints.Count} kill points drawn with seed {DrawSeed}.");
    }

    public ValueTask DisposeAsync()
    {
        _reference?.Dispose();
        Province.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The Message-ID of every .eml in a pickup directory, one entry per file.</summary>
    public static List<string> Mailed(string pickupDirectory) =>
        Directory.Exists(pickupDirectory)
            ? [.. Directory.GetFiles(pickupDirectory, "*.eml").Select(f => EmlMessage.Load(f).MessageId ?? $"(no Message-ID in {f})")]
            : [];

    private static Dictionary<string, string> Trace(string file) => new() { [FaultInjectionTestHook.TraceVariable] = file };

    private static IEnumerable<KillPoint> Checkpoints(char step, string traceFile) =>
        File.ReadAllLines(traceFile)
            .Select(line => line.Split(' ', 3))
            .Select(parts => new KillPoint(-1, step, parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]));

    /// <summary>
    /// Round-robin over the phases; within a phase, round-robin over its kinds of checkpoint in the order (A, before
    /// commit), (B, after), (A, after), (B, before), so a phase's first two kill points differ in step and in kind;
    /// within a kind, the seeded shuffle decides.
    /// </summary>
    private static List<KillPoint> Draw(List<KillPoint> candidates, int count, Random random)
    {
        (char Step, bool Before)[] kinds = [('A', true), ('B', false), ('A', false), ('B', true)];
        var byPhase = Phases.ToDictionary(
            phase => phase,
            phase => kinds
                .Select(kind => new Queue<KillPoint>(candidates
                    .Where(c => c.Phase == phase && c.Step == kind.Step && c.BeforeCommit == kind.Before)
                    .OrderBy(_ => random.Next())))
                .ToList());
        var nextKind = Phases.ToDictionary(phase => phase, _ => 0);
        var drawn = new List<KillPoint>();
        for (var turn = 0; drawn.Count < count && byPhase.Values.Any(queues => queues.Any(q => q.Count > 0)); turn++)
        {
            var phase = Phases[turn % Phases.Length];
            var queues = byPhase[phase];
            for (var k = 0; k < queues.Count; k++)
            {
                var kind = (nextKind[phase] + k) % queues.Count;
                if (queues[kind].TryDequeue(out var point))
                {
                    drawn.Add(point with { Index = drawn.Count });
                    nextKind[phase] = kind + 1;
                    break;
                }
            }
        }

        return drawn;
    }
}

/// <summary>
/// Issue 6, "Crash consistency": killed (SIGKILL) at any instant of a poll, snapshot or email step, the next run
/// leaves the store as an uninterrupted run would. Each kill point runs the real CLI with
/// KPIINGEST_FAULT_KILL_AT=phase:n, so it dies at exactly that checkpoint, then checks what the dead process left:
/// the store file is intact, every snapshot date is complete or absent (all nine indicators of every scope, in
/// the version before or after the step, never half of one), and the watermark is not ahead of committed data.
/// Then it runs the step again (and step B after a killed step A) to completion and compares the store with the
/// uninterrupted run: snapshots but computed_at, alerts but alert_id and notified_at, active quarantine keys, facts,
/// daily-pair counts and digests; the killed run is ABANDONED in kpi_run; every digest arrived, and only the one
/// whose send was cut between the server's acceptance and its mark as sent arrived twice, with the same Message-ID.
/// </summary>
public sealed class CrashConsistencyTests(CrashReference reference) : IClassFixture<CrashReference>
{
    /// <summary>128 + SIGKILL (9): how .NET reports a child killed by that signal.</summary>
    private const int KilledExitCode = 137;

    public static TheoryData<int> KillPointIndices() => [.. Enumerable.Range(0, CrashReference.PointCount)];

    [Theory]
    [MemberData(nameof(KillPointIndices))]
    public async Task Step_KilledAtSeededCheckpoint_NextRunEndsWhereAnUninterruptedRunEnds(int index)
    {
        if (index >= reference.KillPoints.Count)
        {
            Assert.Skip($"Only {reference.KillPoints.Count} checkpoints exist in steps A and B; kill point {index} has none left.");
        }

        var point = reference.KillPoints[index];
        TestContext.Current.TestOutputHelper?.WriteLine(point.ToString());
        var province = reference.Province;

        // Step B's date, the digests it mails and the restatement horizon follow the source-local today: a reference
        // made before midnight is none for a run after it.
        ProvinceClock.Now()[..10].ShouldBe(FaultProvince.Day(province.Yesterday.AddDays(1)),
            "the source-local date changed (midnight in Asia/Ho_Chi_Minh, 17:00 UTC) since the uninterrupted run was made; run the suite again");

        using var workspace = province.CreateWorkspace(point.Step == 'A' ? province.SourceA : province.SourceB);
        if (point.Step == 'B')
        {
            File.Copy(reference.StoreAfterA, workspace.StorePath);
        }

        var step = point.Step == 'A' ? province.StepA : province.StepB;
        var killed = await workspace.RunAsync(
            new Dictionary<string, string> { [FaultInjectionTestHook.KillVariable] = $"{point.Phase}:{point.N}" }, step);
        killed.ExitCode.ShouldBe(KilledExitCode, $"{point}: the process must die at the checkpoint{Environment.NewLine}{killed.Describe()}");

        var context = $"{point}{Environment.NewLine}{killed.Describe()}";
        FaultProvince.IntegrityCheck(workspace.StorePath).ShouldBe("ok", context);
        SnapshotDatesShouldBeWholeVersions(workspace.StorePath, point.Step == 'A' ? [reference.AfterA] : [reference.AfterA, reference.AfterB], context);
        FaultProvince.WatermarkShouldNotBeAheadOfCommittedData(
            workspace.StorePath, point.Step == 'A' ? province.SourceA : province.SourceB, context);

        // Kill point 0 leaves the dead holder's lease for the next run to take over (its process is gone: issue 14); the
        // others lapse it at once, as its expiry would.
        if (index > 0)
        {
            FaultProvince.ExpireLeaseOfDeadHolder(workspace.StorePath);
        }

        (await workspace.RunAsync(step)).ShouldSucceed();
        if (point.Step == 'A')
        {
            FaultProvince.UseSource(workspace, province.SourceB);
            (await workspace.RunAsync(province.StepB)).ShouldSucceed();
        }

        StoreImage.Read(workspace.StorePath).ShouldEqual(reference.AfterB, context);
        var runs = workspace.Store.Runs();
        runs.ShouldContain(r => r.Status == "ABANDONED", 1, context);
        runs.Single(r => r.Status == "ABANDONED").Kind.ShouldBe(step[0], context);
        runs.ShouldNotContain(r => r.Status == "RUNNING", context);
        DigestsShouldArriveOnceExceptTheCutSend(workspace.OutboxPath, point, context);
    }

    /// <summary>Each snapshot date is one whole version of that date (of <paramref name="versions"/>) or absent.</summary>
    private static void SnapshotDatesShouldBeWholeVersions(string storePath, IReadOnlyList<StoreImage> versions, string context)
    {
        var image = StoreImage.Read(storePath);
        foreach (var date in image.Snapshots.Select(s => s.SnapshotDate).Distinct())
        {
            var rows = image.Date(date);
            versions.Any(v => v.Date(date).SequenceEqual(rows)).ShouldBeTrue(
                $"snapshot date {date} ({rows.Count} rows) is not whole: it matches no version of that date " +
                $"({string.Join(", ", versions.Select(v => v.Date(date).Count))} rows).{Environment.NewLine}{context}");
        }
    }

    private void DigestsShouldArriveOnceExceptTheCutSend(string pickupDirectory, KillPoint point, string context)
    {
        var mailed = CrashReference.Mailed(pickupDirectory);
        mailed.Distinct().Order(StringComparer.Ordinal).ToList().ShouldBe(reference.MessageIds, $"no digest lost, none invented.{Environment.NewLine}{context}");
        var twice = mailed.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        twice.ShouldBe(point.ResentMessageId is { } resent ? [$"{resent} x2"] : new List<string>(), $"at most the one documented resend.{Environment.NewLine}{context}");
    }
}

/// <summary>
/// Issue 14, "a crash costs seconds, not minutes": the run lease of a run killed with SIGKILL no longer makes the next
/// run on the same host wait for Service:Lease:Expiry (5 minutes by default). The successor proves its holder dead
/// (this host, no process with that pid and start time) and takes the lease at once. Service:Lease:Wait is cut to
/// 5 s so that a successor that waited for the lease fails here instead of succeeding after the expiry: the outcome
/// and the log say whether it waited, not a stopwatch.
/// </summary>
public sealed class CrashedLeaseHolderTests : IDisposable
{
    private const int KilledExitCode = 137;

    private readonly FaultProvince _province = new();

    public void Dispose() => _province.Dispose();

    [Fact]
    public async Task Once_AfterABackfillKilledHoldingTheLease_StartsAtOnceWithTheDefaultExpiry()
    {
        using var workspace = _province.CreateWorkspace(_province.SourceA);
        workspace.Configure("""{ "Service": { "Lease": { "Expiry": "00:05:00", "Wait": "00:00:05" } } }""");
        var killed = await workspace.RunAsync(
            new Dictionary<string, string> { [FaultInjectionTestHook.KillVariable] = $"{FaultInjectionTestHook.Ingest}:1" }, _province.StepA);
        killed.ExitCode.ShouldBe(KilledExitCode, killed.Describe());
        workspace.Store.CountOrZero("kpi_lease").ShouldBe(1, "the killed backfill left its lease behind");

        var successor = await workspace.RunAsync(_province.StepB);

        successor.ShouldSucceed();
        successor.Output.ShouldNotContain("Waiting for the run lease", Case.Sensitive, successor.Describe());
        successor.Output.ShouldContain("is no longer running", Case.Sensitive, successor.Describe());
        var runs = workspace.Store.Runs();
        runs.ShouldContain(r => r.Kind == "backfill" && r.Status == "ABANDONED");
        runs.ShouldContain(r => r.Kind == "once" && r.Status == "SUCCEEDED");
        runs.ShouldNotContain(r => r.Status == "FAILED");
        workspace.Store.CountOrZero("kpi_lease").ShouldBe(0, "the successor released the lease it took over");
    }
}
