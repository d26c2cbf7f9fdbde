using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own binaries: <c>initdb</c> into a temp folder, <c>postgres</c> on a
/// free loopback port, stopped and deleted when disposed. initdb and postgres refuse to run as root, so as root they run
/// as the <c>postgres</c> user (<c>runuser -u postgres --</c>) on a folder it owns. Trust authentication: any role
/// connects without a password, as on the suite's container.
/// </summary>
internal sealed class PostgreSqlCluster : IPostgreSqlHost
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string? _root;
    private string? _bin;
    private bool _asPostgresUser;

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    public string AdminUser => "kpi";

    public string? AdminPassword => null;

    public string Description => $"initdb fixture ({_bin})";

    /// <summary>Creates and starts the cluster; returns why it cannot (the sentence after "PostgreSQL is unavailable: "), or null.</summary>
    public string? Start()
    {
        _bin = FindBinaries();
        if (_bin is null)
        {
            return "initdb, pg_ctl and postgres were found neither on PATH nor in /usr/lib/postgresql/*/bin.";
        }

        _asPostgresUser = Environment.IsPrivilegedProcess;
        if (_asPostgresUser && (FindOnPath("runuser") is null || !UserExists("postgres")))
        {
            return "running as root, initdb and postgres must run as the postgres user, but runuser or the postgres user is missing.";
        }

        _root = Path.Combine(Path.GetTempPath(), "kpi-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        try
        {
            if (_asPostgresUser)
            {
                Run("chown", ["postgres", _root], asPostgres: false);
            }

            Run(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-A", "trust", "-U", AdminUser, "-E", "UTF8", "--no-locale", "--no-sync"], _asPostgresUser);

            string? failure = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                // Another process may take the port between probing and binding: try another.
                Port = FreePort();
                failure = PgCtlStart();
                if (failure is null)
                {
                    return null;
                }
            }

            throw new InvalidOperationException($"{failure}{Environment.NewLine}{LogTail()}");
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            Dispose();
            return $"it did not start from {_bin}: {error.Message}";
        }
    }

    /// <summary>Stops the server as an outage would, keeping its data and port (pg_ctl -m immediate or fast).</summary>
    public void Stop(bool immediate) =>
        Run(Path.Combine(_bin!, "pg_ctl"), ["-D", DataFolder, "-m", immediate ? "immediate" : "fast", "-w", "stop"], _asPostgresUser);

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port with the same data.</summary>
    public void StartAgain()
    {
        if (PgCtlStart() is { } failure)
        {
            throw new InvalidOperationException($"{failure}{Environment.NewLine}{LogTail()}");
        }
    }

    public void Dispose()
    {
        if (_root is null)
        {
            return;
        }

        if (_bin is not null && File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            TryRun(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned by the OS eventually; a leftover folder must not fail the suite.
        }
        catch (UnauthorizedAccessException)
        {
        }

        _root = null;
    }

    private string DataFolder => Path.Combine(_root!, "data");

    private string? PgCtlStart()
    {
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200";
        return TryRun(Path.Combine(_bin!, "pg_ctl"),
            ["-D", DataFolder, "-o", options, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start"],
            _asPostgresUser);
    }

    /// <summary>A folder holding initdb, pg_ctl and postgres together: one on PATH first, else the newest /usr/lib/postgresql/N/bin.</summary>
    private static string? FindBinaries()
    {
        string[] tools = ["initdb", "pg_ctl", "postgres"];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(versioned).FirstOrDefault(folder => tools.All(t => File.Exists(Path.Combine(folder, t))));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, tool))
        .FirstOrDefault(File.Exists);

    private static bool UserExists(string user) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string tool, IReadOnlyList<string> arguments, bool asPostgres)
    {
        if (TryRun(tool, arguments, asPostgres) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Runs a tool (as the postgres user when asked); returns what went wrong, or null.</summary>
    private static string? TryRun(string tool, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : tool)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            return $"{Path.GetFileName(tool)} did not finish within {CommandTimeout}.";
        }

        return process.ExitCode == 0
            ? null
            : $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result.Trim()} {stdout.Result.Trim()}";
    }

    private string LogTail()
    {
        var log = _root is null ? null : Path.Combine(_root, "server.log");
        return log is not null && File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "";
    }
}
