using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>How the test server secures its port: plain, STARTTLS (required before MAIL), or TLS from the first byte.</summary>
public enum SmtpTestTls
{
    None,
    StartTls,
    Implicit,
}

/// <summary>
/// A real SMTP server for one test: Debian's aiosmtpd (<c>/usr/bin/python3</c>, packages.md) on a free loopback port,
/// started by a small script (<see cref="Script"/>) whose handler saves every accepted message as <c>NAME.eml</c>
/// beside <c>NAME.rcpt</c> (its envelope recipients) and refuses RCPT TO for any address starting with "refused"
/// (550). Optionally it requires STARTTLS or speaks TLS from the first byte with a self-signed certificate made for
/// it (<see cref="CertificateThumbprint"/>), and requires AUTH with one user name and password. One server per test
/// rather than one shared fixture: the tests stop and restart it, count what it received, and run in parallel; a
/// server starts in well under a second.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Only there so a broken interpreter cannot hang the suite; never a timing assertion.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<string?> Unavailable = new(Probe);

    private const string Script = """
        # aiosmtpd server for the KpiIngest SMTP tests (written by SmtpTestServer.cs).
        import argparse
        import asyncio
        import os
        import ssl
        import uuid

        from aiosmtpd.smtp import SMTP, AuthResult


        class SaveToFolder:
            def __init__(self, folder):
                self.folder = folder
                os.makedirs(folder, exist_ok=True)

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower().startswith("refused"):
                    return "550 5.1.1 <%s>: recipient refused by the test server" % address
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                base = os.path.join(self.folder, uuid.uuid4().hex)
                with open(base + ".rcpt", "w", encoding="utf-8") as rcpt:
                    rcpt.write("".join(address + "\n" for address in envelope.rcpt_tos))
                content = envelope.original_content or envelope.content
                if isinstance(content, str):
                    content = content.encode("utf-8")
                with open(base + ".tmp", "wb") as eml:
                    eml.write(content)
                # The .eml appears whole, after its .rcpt: a reader never sees half a message.
                os.replace(base + ".tmp", base + ".eml")
                return "250 2.0.0 Message accepted for delivery"


        def tls_context(certificate, key):
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certificate, key)
            return context


        async def serve(arguments):
            handler = SaveToFolder(arguments.folder)
            starttls = tls_context(*arguments.starttls) if arguments.starttls else None
            smtps = tls_context(*arguments.smtps) if arguments.smtps else None

            def authenticator(server, session, envelope, mechanism, auth_data):
                user, password = arguments.login
                accepted = auth_data.login == user.encode() and auth_data.password == password.encode()
                # handled=False: aiosmtpd itself replies 535 to a refusal (True would leave the client waiting).
                return AuthResult(success=accepted, handled=False)

            def session():
                return SMTP(
                    handler,
                    hostname="kpi-test-smtp",
                    tls_context=starttls,
                    require_starttls=starttls is not None,
                    authenticator=authenticator if arguments.login else None,
                    auth_required=arguments.login is not None,
                    auth_require_tls=starttls is not None,
                )

            server = await asyncio.get_running_loop().create_server(session, "127.0.0.1", arguments.port, ssl=smtps)
            async with server:
                await server.serve_forever()


        parser = argparse.ArgumentParser()
        parser.add_argument("--port", type=int, required=True)
        parser.add_argument("--folder", required=True)
        parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
        parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
        parser.add_argument("--login", nargs=2, metavar=("USER", "PASSWORD"))
        asyncio.run(serve(parser.parse_args()))
        """;

    private readonly string _root;
    private readonly SmtpTestTls _tls;
    private readonly (string UserName, string Password)? _login;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private SmtpTestServer(string root, int port, SmtpTestTls tls, (string UserName, string Password)? login)
    {
        _root = root;
        _tls = tls;
        _login = login;
        Port = port;
        MailFolder = Path.Combine(root, "mail");
        Directory.CreateDirectory(MailFolder);
        File.WriteAllText(Path.Combine(root, "smtpserver.py"), Script, new UTF8Encoding(false));
        if (tls != SmtpTestTls.None)
        {
            CertificateThumbprint = WriteSelfSignedCertificate(root);
        }
    }

    public int Port { get; }

    /// <summary>Where the handler saves what it accepted.</summary>
    public string MailFolder { get; }

    /// <summary>SHA-256 thumbprint (hex) of the server's self-signed certificate; null for a plain server.</summary>
    public string? CertificateThumbprint { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Skips the calling test, with the reason, when /usr/bin/python3 or its aiosmtpd module is missing
    /// (style.md #10: skip only what the machine cannot give, and say so).
    /// </summary>
    public static void SkipUnlessAvailable()
    {
        if (Unavailable.Value is { } reason)
        {
            Assert.Skip($"SMTP server unavailable: {reason}");
        }
    }

    /// <summary>
    /// A server on a free loopback port, started unless <paramref name="start"/> is false (port chosen, nothing
    /// listening); with <paramref name="tls"/> it has its own self-signed certificate, with <paramref name="login"/> it
    /// requires AUTH (after STARTTLS when that is on too).
    /// </summary>
    public static async Task<SmtpTestServer> CreateAsync(
        bool start = true, SmtpTestTls tls = SmtpTestTls.None, (string UserName, string Password)? login = null)
    {
        SkipUnlessAvailable();
        var root = Directory.CreateTempSubdirectory("kpi-smtp-").FullName;
        var server = new SmtpTestServer(root, FreeLoopbackPort(), tls, login);
        if (start)
        {
            await server.StartAsync();
        }

        return server;
    }

    /// <summary>Starts aiosmtpd and returns once the port accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var startInfo = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var argument in Arguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Python} smtpserver.py.");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Bounded: poll the port until it accepts, the server dies, or the timeout (a broken setup) passes.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd exited with {process.ExitCode} before accepting connections on 127.0.0.1:{Port}.{Environment.NewLine}{Output}");
            }

            if (await AcceptsAsync())
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                await StopAsync();
                throw new TimeoutException($"aiosmtpd did not accept connections on 127.0.0.1:{Port} within {StartTimeout}.{Environment.NewLine}{Output}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the server (this test's own process, by its handle); messages already saved stay.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Everything saved so far, oldest first.</summary>
    public IReadOnlyList<EmlMessage> Messages() =>
        [.. new DirectoryInfo(MailFolder).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).Select(f => EmlMessage.Load(f.FullName))];

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Environment.GetEnvironmentVariable("KPI_E2E_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private List<string> Arguments()
    {
        var arguments = new List<string> { "smtpserver.py", "--port", Port.ToString(CultureInfo.InvariantCulture), "--folder", MailFolder };
        var certificate = (string[])[Path.Combine(_root, "server.crt"), Path.Combine(_root, "server.key")];
        switch (_tls)
        {
            case SmtpTestTls.StartTls:
                arguments.AddRange(["--starttls", .. certificate]);
                break;
            case SmtpTestTls.Implicit:
                arguments.AddRange(["--smtps", .. certificate]);
                break;
        }

        if (_login is var (userName, password))
        {
            arguments.AddRange(["--login", userName, password]);
        }

        return arguments;
    }

    /// <summary>
    /// A certificate no machine trusts, for localhost and 127.0.0.1, as an internal relay's often is; written as PEM for
    /// Python's ssl module. Returns its SHA-256 thumbprint, what Email:Smtp:ServerCertificateThumbprint pins.
    /// </summary>
    private static string WriteSelfSignedCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kpi-test-smtp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "server.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Null when the server can run here, else why not.</summary>
    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist (install Debian's python3 and python3-aiosmtpd).";
        }

        try
        {
            var startInfo = new ProcessStartInfo(Python)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-c", "import aiosmtpd.smtp"])
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return $"{Python} -c 'import aiosmtpd.smtp' did not finish within 30 s.";
            }

            return process.ExitCode == 0
                ? null
                : $"{Python} cannot import aiosmtpd (apt-get install -y python3-aiosmtpd): {stderr.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return $"{Python} could not be started: {error.Message}";
        }
    }
}
