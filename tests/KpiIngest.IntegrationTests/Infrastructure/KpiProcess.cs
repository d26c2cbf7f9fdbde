using System.Diagnostics;
using System.Text;
using Shouldly;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A <c>kpi-ingest</c> child running in the background (the service): its output is collected line by line as it
/// comes, it can be sent SIGTERM like systemd does, and disposing it kills whatever is left.
/// </summary>
public sealed class KpiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private KpiProcess(Process process, IReadOnlyList<string> arguments)
    {
        _process = process;
        _arguments = arguments;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StdOut
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StdErr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    internal static KpiProcess Start(ProcessStartInfo startInfo, IReadOnlyList<string> arguments)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var handle = new KpiProcess(process, arguments.ToList());
        process.OutputDataReceived += (_, line) => handle.Append(handle._stdout, line.Data);
        process.ErrorDataReceived += (_, line) => handle.Append(handle._stderr, line.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return handle;
    }

    /// <summary>SIGTERM, as systemd's stop and docker stop send it (Ctrl+C is SIGINT; both stop the host the same way).</summary>
    public void Terminate()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("SIGTERM is sent with kill(1), which this platform does not have.");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill(1).");
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0, $"kill -TERM {Id} failed");
    }

    /// <summary>Waits until stderr (where the service logs) contains <paramref name="text"/>.</summary>
    public Task WaitForLogAsync(string text, TimeSpan? within = null) =>
        Eventually.Until(() => StdErr.Contains(text, StringComparison.Ordinal), $"the service to log \"{text}\"", within, Describe);

    /// <summary>Waits for the process to end, killing it (and failing) if it does not within <paramref name="within"/>.</summary>
    public async Task<CliResult> WaitForExitAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new ShouldAssertException($"kpi-ingest did not exit within {within} and was killed.{Environment.NewLine}{Describe()}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return new CliResult(_arguments, _process.ExitCode, StdOut, StdErr);
    }

    public string Describe() =>
        $"""
        kpi-ingest {string.Join(' ', _arguments)} (pid {Id}{(HasExited ? $", exited {_process.ExitCode}" : ", running")})
        --- stdout ---
        {StdOut.TrimEnd()}
        --- stderr ---
        {StdErr.TrimEnd()}
        """;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
