using System.Diagnostics;
using System.Text;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>What one run of the real <c>kpi-ingest</c> executable did.</summary>
public sealed record CliResult(IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Both streams, for assertions that do not care where a message went.</summary>
    public string Output => StdOut + Environment.NewLine + StdErr;

    public string Describe() =>
        $"""
        kpi-ingest {string.Join(' ', Arguments)}
        exit code: {ExitCode}
        --- stdout ---
        {StdOut.TrimEnd()}
        --- stderr ---
        {StdErr.TrimEnd()}
        """;

    public CliResult ShouldSucceed() => ShouldExitWith(0);

    public CliResult ShouldExitWith(int expected)
    {
        if (ExitCode != expected)
        {
            throw new ShouldAssertException(
                $"kpi-ingest was expected to exit with {expected} but exited with {ExitCode}.{Environment.NewLine}{Describe()}");
        }

        return this;
    }
}

/// <summary>
/// Runs the real CLI as a child process: <c>dotnet kpi-ingest.dll ARGS</c>, in a working directory of the test's
/// choosing, so relative paths (data/, logs/) resolve there as they would in a console.
/// </summary>
public static partial class KpiCli
{
    /// <summary>Only there so a hung child cannot hang the suite; never a timing assertion.</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> Dll = new(LocateDll);

    /// <summary>
    /// Settings in environment variables would be layered over the test's config file (operations.md); a developer's
    /// shell must not change what a test sees, so variables in the .NET form for the CLI's sections are not passed on.
    /// </summary>
    private static readonly string[] ConfigurationSections =
    [
        "Source", "Store", "Schedule", "Province", "Snapshots", "Targets", "Alerts", "Retention", "Service", "Email", "Serilog",
    ];

    public static string DllPath => Dll.Value;

    /// <param name="workingDirectory">Where relative paths resolve.</param>
    /// <param name="arguments">The verb and its options.</param>
    /// <param name="cancellationToken">The test's.</param>
    /// <param name="environment">Extra environment variables for the child (the fault-injection hook's, say).</param>
    public static Task<CliResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunToEndAsync(CreateStartInfo(workingDirectory, arguments, environment), arguments, cancellationToken);

    /// <summary>Runs a started-to-be child to its end (killed after <see cref="KillAfter"/>), both pipes read as it runs.</summary>
    private static async Task<CliResult> RunToEndAsync(ProcessStartInfo startInfo, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName} for kpi-ingest ({DllPath}).");
        process.StandardInput.Close();

        // Read both pipes while the child runs, or a chatty child blocks on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(KillAfter);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var partial = new CliResult(arguments.ToList(), -1, await stdout, await stderr);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ShouldAssertException(
                $"kpi-ingest did not finish within {KillAfter} and was killed.{Environment.NewLine}{partial.Describe()}");
        }

        return new CliResult(arguments.ToList(), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs the CLI in a pseudo-terminal of <paramref name="columns"/> columns, as a person at a terminal of that width
    /// runs it: script(1) gives it the terminal, stty sets the width. Stdout and stderr both reach the terminal, so the
    /// result's StdOut is everything the terminal showed (ANSI sequences removed, CR LF as LF) and StdErr is script's own.
    /// </summary>
    public static async Task<CliResult> RunInTerminalAsync(
        string workingDirectory, int columns, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/bin/script") || !File.Exists("/bin/stty"))
        {
            Assert.Skip("A pseudo-terminal needs script(1) and stty(1) (util-linux, coreutils), which this machine lacks.");
        }

        var cli = CreateStartInfo(workingDirectory, arguments, environment: null);
        var command = string.Join(' ', new[] { cli.FileName }.Concat(cli.ArgumentList).Select(ShellQuoted));
        var startInfo = CreateStartInfo(workingDirectory, [], environment: null);
        startInfo.FileName = "/usr/bin/script";
        startInfo.ArgumentList.Clear();
        foreach (var argument in (string[])["--quiet", "--return", "--command",
            $"stty cols {columns.ToString(System.Globalization.CultureInfo.InvariantCulture)} rows 50; exec {command}", "/dev/null"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TERM"] = "xterm-256color";
        startInfo.Environment.Remove("COLUMNS");
        startInfo.Environment.Remove("LINES");
        var result = await RunToEndAsync(startInfo, [$"(terminal of {columns.ToString(System.Globalization.CultureInfo.InvariantCulture)} columns)", .. arguments], cancellationToken);
        return result with { StdOut = AnsiSequence().Replace(result.StdOut, "").Replace("\r\n", "\n", StringComparison.Ordinal) };
    }

    /// <summary>
    /// Control sequences (CSI, OSC) and the other escapes a terminal interprets rather than shows: two-character ones
    /// such as ESC = (keypad mode, which .NET sends when it takes the terminal), with any intermediate bytes.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)|[ -/]*[0-Z\\^_`a-~])")]
    private static partial System.Text.RegularExpressions.Regex AnsiSequence();

    private static string ShellQuoted(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Starts the CLI in the background (the service, <c>run</c>): the handle reads its output and can signal it.</summary>
    /// <param name="workingDirectory">Where relative paths resolve.</param>
    /// <param name="arguments">The verb and its options.</param>
    /// <param name="environment">Extra environment variables for the child.</param>
    /// <param name="parent">
    /// An executable that starts the CLI as its own child (given the command line as its arguments) and stays its
    /// parent, standing in for a service manager; the handle is then the parent's.
    /// </param>
    public static KpiProcess Start(
        string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? parent = null) =>
        KpiProcess.Start(CreateStartInfo(workingDirectory, arguments, environment, parent), arguments);

    private static ProcessStartInfo CreateStartInfo(
        string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment,
        string? parent = null)
    {
        var startInfo = new ProcessStartInfo(parent ?? DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (parent is not null)
        {
            startInfo.ArgumentList.Add(DotnetHost());
        }

        startInfo.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            var separator = name.IndexOf("__", StringComparison.Ordinal);
            if (separator > 0 && ConfigurationSections.Contains(name[..separator], StringComparer.OrdinalIgnoreCase))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        // A test runner under systemd (CI) passes these on; the child is a console program all the same.
        startInfo.Environment.Remove("INVOCATION_ID");
        startInfo.Environment.Remove("NOTIFY_SOCKET");
        startInfo.Environment.Remove("SYSTEMD_EXEC_PID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (dotnet test); names the very host that runs the tests.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static string LocateDll()
    {
        // The ProjectReference copies kpi-ingest.dll with its runtimeconfig.json and deps.json next to the tests.
        var beside = Path.Combine(AppContext.BaseDirectory, "kpi-ingest.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "kpi-ingest.runtimeconfig.json")))
        {
            return beside;
        }

        // Else the Worker's own output of the same configuration: tests/X/bin/<Configuration>/<tfm>/ -> src/...
        var tfmFolder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = tfmFolder.Parent?.Name ?? "Debug";
        var fallback = Path.GetFullPath(Path.Combine(
            AppContext.BaseDirectory, "..", "..", "..", "..", "..",
            "src", "KpiIngest.Worker", "bin", configuration, tfmFolder.Name, "kpi-ingest.dll"));
        if (File.Exists(fallback))
        {
            return fallback;
        }

        throw new FileNotFoundException(
            $"kpi-ingest.dll was found neither beside the tests ({beside}) nor in the Worker's output ({fallback}). " +
            "Build tests/KpiIngest.IntegrationTests first.");
    }
}
