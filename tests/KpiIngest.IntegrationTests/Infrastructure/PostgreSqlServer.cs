using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KpiIngest.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlServer))]

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the suite: <c>initdb</c> into a temp folder, <c>postgres</c> on a free loopback
/// port, stopped and deleted at the end. initdb and postgres refuse to run as root, so as root they run as the
/// <c>postgres</c> user (<c>runuser -u postgres --</c>) on a folder it owns. Without the binaries, or when the
/// server will not start, tests that need it are skipped with the reason.
/// </summary>
public sealed class PostgreSqlServer : DatabaseServer
{
    private const string AdminUser = "kpi";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string? _root;
    private string? _bin;
    private bool _asPostgresUser;
    private int _port;

    public override ServerEngine Engine => ServerEngine.PostgreSql;

    /// <summary>True when the server can collate with ICU, so test databases sort text as a Vietnamese server would.</summary>
    public bool HasIcu { get; private set; }

    protected override string DefaultDatabase => "postgres";

    public override string AdminConnectionString(string database) => ConnectionString(database, AdminUser, null);

    /// <summary>Trust authentication on loopback: any password is accepted, privileges are what is tested.</summary>
    public override string ConnectionString(string database, string user, string? password) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = user,
            Password = password,
            Database = database,
        }.ConnectionString;

    /// <summary>
    /// Test databases collate text with ICU's Vietnamese rules where the server has ICU: a province's server sorts
    /// "a10, A2, B0, b1", not in ordinal order, which is what the key stream must not depend on.
    /// </summary>
    protected override string CreateDatabaseSql(string name) =>
        $"CREATE DATABASE {Engine.Quote(name)} TEMPLATE template0 ENCODING 'UTF8'" + (HasIcu ? " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'" : "");

    /// <summary>The whole cluster is deleted at the end.</summary>
    internal override void Drop(string name)
    {
    }

    protected override string? Start()
    {
        _bin = FindBinaries();
        if (_bin is null)
        {
            return "PostgreSQL is unavailable: initdb, pg_ctl and postgres were found neither on PATH nor in /usr/lib/postgresql/*/bin.";
        }

        _asPostgresUser = Environment.IsPrivilegedProcess;
        if (_asPostgresUser && (FindOnPath("runuser") is null || !UserExists("postgres")))
        {
            return "PostgreSQL is unavailable: running as root, initdb and postgres must run as the postgres user, " +
                   "but runuser or the postgres user is missing.";
        }

        _root = Path.Combine(Path.GetTempPath(), "kpi-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        try
        {
            if (_asPostgresUser)
            {
                Run("chown", ["postgres", _root], asPostgres: false);
            }

            var data = Path.Combine(_root, "data");
            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", AdminUser, "-E", "UTF8", "--no-locale", "--no-sync"], _asPostgresUser);

            string? failure = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                // Another process may take the port between probing and binding: try another.
                _port = FreePort();
                failure = PgCtlStart();
                if (failure is null)
                {
                    break;
                }
            }

            if (failure is not null)
            {
                throw new InvalidOperationException($"{failure}{Environment.NewLine}{LogTail()}");
            }

            using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
            HasIcu = Engine.Scalar<long>(connection, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'") > 0;
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or NpgsqlException or System.ComponentModel.Win32Exception)
        {
            Shutdown();
            return $"PostgreSQL is unavailable: it did not start from {_bin}: {error.Message}";
        }
    }

    /// <summary>The loopback port the server listens on (free while it is stopped).</summary>
    public int Port => _port;

    /// <summary>
    /// Stops the server as an outage would, keeping its data and port: <paramref name="immediate"/> cuts every session
    /// at once, as a crash or a lost network would (pg_ctl -m immediate); otherwise a fast shutdown. Only for a
    /// server of a test class's own: never the suite's shared one, which other classes use in parallel.
    /// </summary>
    public void Stop(bool immediate)
    {
        RequireStarted();
        Run(Path.Combine(_bin!, "pg_ctl"), ["-D", Path.Combine(_root!, "data"), "-m", immediate ? "immediate" : "fast", "-w", "stop"], _asPostgresUser);
    }

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port with the same data; waits until it accepts connections.</summary>
    public void StartAgain()
    {
        RequireStarted();
        if (PgCtlStart() is { } failure)
        {
            throw new InvalidOperationException($"{failure}{Environment.NewLine}{LogTail()}");
        }

        // This process's pooled sessions died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    protected override void Shutdown()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null)
        {
            return;
        }

        var data = Path.Combine(_root, "data");
        if (_bin is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            TryRun(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], _asPostgresUser);
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
    }

    private string? PgCtlStart()
    {
        var options = $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200";
        return TryRun(Path.Combine(_bin!, "pg_ctl"),
            ["-D", Path.Combine(_root!, "data"), "-o", options, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start"],
            _asPostgresUser);
    }

    private void RequireStarted()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }
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
