using System.Globalization;
using System.Net.Sockets;
using System.Text;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// The plain build under systemd with Type=notify: the real <c>kpi-ingest run</c> is started by a parent process
/// named "systemd" (the way Microsoft.Extensions.Hosting.Systemd recognises its manager) with NOTIFY_SOCKET naming a
/// datagram socket this test owns, as systemd passes it. The service must say READY=1 only once its scheduler runs,
/// and STOPPING=1 when it receives SIGTERM.
/// </summary>
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Stays the service's parent (so its process name is what the service sees) and records the child's pid.</summary>
    private const string ParentScript = """
        #!/bin/sh
        # Stands in for systemd as the parent of the service: this file is named "systemd", so that is its process name.
        "$@" &
        echo $! > "$0.pid"
        wait $!
        """;

    [Fact]
    public async Task Run_UnderSystemdWithNotifySocket_SaysReadyAfterTheSchedulerStartedAndStoppingOnSigterm()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("systemd's notify protocol exists on Linux only.");
        }

        using var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        workspace.Configure("""{ "Schedule": { "Poll": "0/2 * * * * ?" }, "Service": { "StopTimeout": "00:00:20" } }""");
        var parent = WriteParent(workspace.Root);
        var logs = Path.Combine(workspace.Root, "logs");
        using var notify = new NotifySocket(Path.Combine(workspace.Root, "notify.sock"), onReady: () => ReadLogs(logs));

        await using var service = KpiCli.Start(
            workspace.Root, ["run", "--content-root", workspace.Root, "--config", workspace.ConfigPath],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path }, parent);

        var logsAtReady = await Eventually.UntilValue(() => notify.LogsAtReady, "READY=1 on the notify socket", context: service.Describe);

        // The line is written after the scheduler's start and before the host reports itself started; the log file
        // is flushed per event, so it is on disk before the datagram is sent.
        logsAtReady.ShouldContain("KpiIngest service ready: scheduler Running", customMessage: $"the log when READY=1 arrived:\n{logsAtReady}\n{service.Describe()}");
        notify.Messages.ShouldNotContain(m => m.Contains("STOPPING=1", StringComparison.Ordinal), "nothing has stopped it yet");
        service.StdErr.ShouldContain("under systemd", customMessage: service.Describe());

        Signal(ChildPid(parent), "TERM");
        var stopped = await service.WaitForExitAsync(ExitDeadline);

        stopped.ShouldSucceed();
        await Eventually.Until(() => notify.Messages.Any(m => m.Contains("STOPPING=1", StringComparison.Ordinal)),
            "STOPPING=1 on the notify socket", context: stopped.Describe);
        var messages = notify.Messages;
        messages.FindIndex(m => m.Contains("READY=1", StringComparison.Ordinal))
            .ShouldBeLessThan(messages.FindIndex(m => m.Contains("STOPPING=1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Once_UnderTheSameParent_IsAConsoleRunThatExits()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("systemd's notify protocol exists on Linux only.");
        }

        // A oneshot unit (ExecStart=kpi-ingest once) must not hang waiting for a stop: the verb runs and exits.
        using var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        var parent = WriteParent(workspace.Root);
        using var notify = new NotifySocket(Path.Combine(workspace.Root, "notify.sock"), onReady: () => "");

        await using var run = KpiCli.Start(
            workspace.Root, ["once", "--content-root", workspace.Root, "--config", workspace.ConfigPath],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path }, parent);

        (await run.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED");
    }

    private static string WriteParent(string root)
    {
        var folder = Path.Combine(root, "manager");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "systemd");
        File.WriteAllText(path, ParentScript.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private static int ChildPid(string parent) =>
        int.Parse(File.ReadAllText(parent + ".pid").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0, $"kill -{signal} {pid} failed");
    }

    private static string ReadLogs(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>
    /// The socket systemd listens on for sd_notify datagrams. Receives on its own thread; the moment READY=1 arrives
    /// it takes what the onReady callback returns (the service's log as it was then).
    /// </summary>
    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly List<string> _messages = [];
        private readonly Lock _gate = new();
        private readonly Func<string> _onReady;
        private readonly Task _receiving;
        private string? _logsAtReady;

        public NotifySocket(string path, Func<string> onReady)
        {
            Path = path;
            _onReady = onReady;
            _socket.Bind(new UnixDomainSocketEndPoint(path));
            _receiving = Task.Run(Receive);
        }

        public string Path { get; }

        public List<string> Messages
        {
            get
            {
                lock (_gate)
                {
                    return [.. _messages];
                }
            }
        }

        public string? LogsAtReady
        {
            get
            {
                lock (_gate)
                {
                    return _logsAtReady;
                }
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _receiving.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
            File.Delete(Path);
        }

        private void Receive()
        {
            var buffer = new byte[4096];
            while (true)
            {
                int length;
                try
                {
                    length = _socket.Receive(buffer);
                }
                catch (Exception error) when (error is SocketException or ObjectDisposedException)
                {
                    return;
                }

                var message = Encoding.UTF8.GetString(buffer, 0, length);
                var logs = message.Contains("READY=1", StringComparison.Ordinal) ? _onReady() : null;
                lock (_gate)
                {
                    _messages.Add(message);
                    _logsAtReady ??= logs;
                }
            }
        }
    }
}
