using System.Net;
using System.Net.Sockets;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// A mail server gone wrong, on a free loopback port. <see cref="Silent"/> accepts connections and never says a word
/// (no greeting, no TLS handshake): a hung relay, or a firewall that swallows traffic; only a timeout ends the wait.
/// <see cref="HangingUpAfterGreeting"/> greets, reads the client's first command and hangs up: a relay that crashes
/// or drops the connection mid-conversation.
/// </summary>
public sealed class BrokenSmtpServer : IDisposable
{
    private readonly string? _greeting;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private BrokenSmtpServer(string? greeting)
    {
        _greeting = greeting;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public static BrokenSmtpServer Silent() => new(greeting: null);

    public static BrokenSmtpServer HangingUpAfterGreeting() => new(greeting: "220 kpi-test-smtp ESMTP");

    /// <summary>How many connections it has accepted (and left waiting).</summary>
    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _accepting.GetAwaiter().GetResult();
        lock (_accepted)
        {
            _accepted.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client); // held open, unanswered, until the test ends
                }

                if (_greeting is not null)
                {
                    await GreetAndHangUpAsync(client);
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped by Dispose.
        }
    }

    private async Task GreetAndHangUpAsync(TcpClient client)
    {
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(_greeting + "\r\n"), _stop.Token);
        _ = await stream.ReadAsync(new byte[512], _stop.Token); // the client's EHLO
        client.Client.Shutdown(SocketShutdown.Both);
        client.Close();
    }
}
