using Spectre.Console;

namespace KpiIngest.Worker.Display;

/// <summary>
/// What a run tells a person watching it, phase by phase (ingest pages, snapshot dates). The pipelines call it; the
/// service uses <see cref="NoRunProgress"/>, the CLI verbs <see cref="ConsoleRunProgress"/>.
/// </summary>
public interface IRunProgress
{
    /// <summary>Starts a phase of <paramref name="total"/> items (null when not known in advance, as for ingest pages).</summary>
    IProgressPhase Begin(string name, string unit, long? total);
}

/// <summary>One phase under way. Disposing it without <see cref="Complete"/> (the phase failed) says nothing more.</summary>
public interface IProgressPhase : IDisposable
{
    /// <summary>How many items are done so far.</summary>
    void Report(long done);

    /// <summary>The phase ended; <paramref name="summary"/> says what it did ("1.000 hồ sơ đọc, 12 cách ly").</summary>
    void Complete(string summary);
}

/// <summary>The service's: nobody watches a terminal, and the run's log line already sums it up.</summary>
public sealed class NoRunProgress : IRunProgress, IProgressPhase
{
    public static readonly NoRunProgress Instance = new();

    public IProgressPhase Begin(string name, string unit, long? total) => this;

    public void Report(long done)
    {
    }

    public void Complete(string summary)
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// The CLI's, on stderr (stdout carries report output for programs): on a terminal a live Spectre progress display with
/// counts and rate; redirected, exactly one line per phase when it ends, "Ingest: 1.000.000 hồ sơ đọc, 12 cách ly, 41,3 s".
/// </summary>
public sealed class ConsoleRunProgress(TextWriter error, bool interactive, TimeProvider time) : IRunProgress
{
    public static ConsoleRunProgress ForStandardError() => new(Console.Error, !Console.IsErrorRedirected, TimeProvider.System);

    public IProgressPhase Begin(string name, string unit, long? total) =>
        interactive ? new LivePhase(error, name, unit, total, time) : new SummaryPhase(error, name, time);

    private sealed class SummaryPhase(TextWriter error, string name, TimeProvider time) : IProgressPhase
    {
        private readonly long _started = time.GetTimestamp();

        public void Report(long done)
        {
        }

        public void Complete(string summary) =>
            error.WriteLine($"{name}: {summary}, {VietnameseFormat.Seconds(time.GetElapsedTime(_started))}");

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Spectre's progress display owns the terminal while it runs, so it runs on its own thread and reads the counts the
    /// pipeline's thread reports; it redraws a few times a second and once more, with the summary, when the phase ends.
    /// </summary>
    private sealed class LivePhase : IProgressPhase
    {
        private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(200);

        private readonly string _name;
        private readonly string _unit;
        private readonly long? _total;
        private readonly TimeProvider _time;
        private readonly long _started;
        private readonly ManualResetEventSlim _ended = new();
        private readonly Thread _display;
        private long _done;
        private string? _summary;

        public LivePhase(TextWriter error, string name, string unit, long? total, TimeProvider time)
        {
            _name = name;
            _unit = unit;
            _total = total;
            _time = time;
            _started = time.GetTimestamp();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            var progress = console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn());
            _display = new Thread(() => progress.Start(context =>
            {
                var task = context.AddTask(Markup.Escape(Describe()), maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is null;
                while (!_ended.Wait(Redraw))
                {
                    Update(task, context);
                }

                Update(task, context);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }))
            { IsBackground = true, Name = $"progress {name}" };
            _display.Start();
        }

        public void Report(long done) => Interlocked.Exchange(ref _done, done);

        public void Complete(string summary)
        {
            Volatile.Write(ref _summary, summary);
            _ended.Set();
            _display.Join();
        }

        public void Dispose()
        {
            _ended.Set();
            _display.Join();
            _ended.Dispose();
        }

        private void Update(ProgressTask task, ProgressContext context)
        {
            var done = Interlocked.Read(ref _done);
            task.Value = Math.Min(done, task.MaxValue);
            task.Description = Markup.Escape(Describe());
            context.Refresh();
        }

        private string Describe()
        {
            var elapsed = _time.GetElapsedTime(_started);
            if (Volatile.Read(ref _summary) is { } summary)
            {
                return $"{_name}: {summary}, {VietnameseFormat.Seconds(elapsed)}";
            }

            var done = Interlocked.Read(ref _done);
            var rate = elapsed.TotalSeconds > 0.5 ? $", {VietnameseFormat.Count((long)(done / elapsed.TotalSeconds))} {_unit}/s" : "";
            var of = _total is { } total ? $"/{VietnameseFormat.Count(total)}" : "";
            return $"{_name}: {VietnameseFormat.Count(done)}{of} {_unit}{rate}";
        }
    }
}
