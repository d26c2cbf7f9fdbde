using System.Diagnostics;
using System.Globalization;

namespace KpiIngest.Worker;

/// <summary>
/// TEST HOOK, not a feature: lets the fault-injection suite (tests/KpiIngest.IntegrationTests/Faults) stop this
/// process at an exact point of a run, which killing it from outside at a random time cannot do repeatably. Inert
/// unless one of its environment variables is set; they are read once, at the first checkpoint.
/// <list type="bullet">
/// <item><c>KPIINGEST_FAULT_KILL_AT=phase:n</c>: the process kills itself with SIGKILL at the n-th checkpoint of
/// that phase (no finally block, no flush: as a power cut or kill -9 would).</item>
/// <item><c>KPIINGEST_FAULT_PAUSE_AT=phase:n:file</c>: at that checkpoint the process creates the file and waits
/// until it is deleted, so a test can lock or remove the source while a run is in the middle of it.</item>
/// <item><c>KPIINGEST_FAULT_TRACE=file</c>: appends one line "phase n label" per checkpoint passed, so a test
/// learns how many checkpoints a run has.</item>
/// </list>
/// Checkpoints sit where a crash matters, numbered from 1 per phase since the process started: <c>ingest</c> before
/// and after each ingest transaction commits (dimensions, every page), <c>snapshot</c> before and after each
/// snapshot date's transaction commits, <c>alerts</c> before and after the alert fold commits, <c>email</c> between
/// a digest's acceptance by the server and its mark as sent, and after that mark.
/// </summary>
public static class FaultInjectionTestHook
{
    public const string Ingest = "ingest";
    public const string Snapshot = "snapshot";
    public const string Alerts = "alerts";
    public const string Email = "email";

    public const string KillVariable = "KPIINGEST_FAULT_KILL_AT";
    public const string PauseVariable = "KPIINGEST_FAULT_PAUSE_AT";
    public const string TraceVariable = "KPIINGEST_FAULT_TRACE";

    private static readonly Lazy<Plan?> Configured = new(Plan.FromEnvironment);
    private static readonly Dictionary<string, int> Passed = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>Marks a checkpoint of <paramref name="phase"/>; does nothing unless the hook is configured.</summary>
    public static void Checkpoint(string phase, string label)
    {
        if (Configured.Value is not { } plan)
        {
            return;
        }

        int n;
        lock (Gate)
        {
            n = Passed[phase] = Passed.GetValueOrDefault(phase) + 1;
            if (plan.TraceFile is { } trace)
            {
                File.AppendAllText(trace, string.Create(CultureInfo.InvariantCulture, $"{phase} {n} {label}\n"));
            }
        }

        if (plan.Kill == (phase, n))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        if (plan.Pause == (phase, n))
        {
            File.WriteAllText(plan.PauseFile!, $"{phase} {n} {label}");

            // A timed wait on an event, not Thread.Sleep: a test tells a thread waiting for a SQLite lock by its
            // nanosleep (the busy handler's), and this wait must not look like one.
            using var tick = new ManualResetEventSlim();
            while (File.Exists(plan.PauseFile))
            {
                tick.Wait(50);
            }
        }
    }

    private sealed record Plan((string, int)? Kill, (string, int)? Pause, string? PauseFile, string? TraceFile)
    {
        public static Plan? FromEnvironment()
        {
            var kill = Environment.GetEnvironmentVariable(KillVariable);
            var pause = Environment.GetEnvironmentVariable(PauseVariable);
            var trace = Environment.GetEnvironmentVariable(TraceVariable);
            if (string.IsNullOrEmpty(kill) && string.IsNullOrEmpty(pause) && string.IsNullOrEmpty(trace))
            {
                return null;
            }

            var pauseParts = string.IsNullOrEmpty(pause) ? null : pause.Split(':', 3);
            if (pauseParts is not null && pauseParts.Length != 3)
            {
                throw new InvalidOperationException($"{PauseVariable} must be phase:n:file.");
            }

            return new Plan(
                string.IsNullOrEmpty(kill) ? null : Point(kill, KillVariable),
                pauseParts is null ? null : Point($"{pauseParts[0]}:{pauseParts[1]}", PauseVariable),
                pauseParts?[2],
                string.IsNullOrEmpty(trace) ? null : trace);
        }

        private static (string, int) Point(string text, string variable)
        {
            var parts = text.Split(':');
            return parts.Length == 2 && parts[0] is Ingest or Snapshot or Alerts or Email
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? (parts[0], n)
                : throw new InvalidOperationException($"{variable} '{text}' is not phase:n with phase ingest, snapshot, alerts or email.");
        }
    }
}
