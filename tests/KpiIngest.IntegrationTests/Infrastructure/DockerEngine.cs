using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The Docker engine the server suites start their servers on through Testcontainers, found by Testcontainers' own
/// detection (DOCKER_HOST, the Docker socket, ~/.testcontainers.properties) once per run.
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<string?> Unavailable = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why no container can be started ("no Docker engine answers ..."), or null when an engine answers.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>
    /// Starts a container, pulling its image if it is missing; returns why it could not, or null. Waits on a thread of
    /// its own (the fixtures start servers synchronously, from whichever test first needs one). On failure the container
    /// is removed.
    /// </summary>
    public static string? TryStart(IContainer container, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            Task.Run(() => container.StartAsync(timeout.Token), CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Remove(container);
            return $"it did not start within {within.TotalMinutes:0} minutes";
        }
        catch (Exception error)
        {
            // Docker.DotNet, Testcontainers and the wait strategies throw many unrelated types; each means "no server
            // here", which the caller says as the skip or fallback reason.
            Remove(container);
            return Describe(error);
        }
    }

    /// <summary>Stops and removes a container, never throwing: the end of a run must not fail on it.</summary>
    public static void Remove(IContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            Task.Run(() => container.DisposeAsync().AsTask(), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // A container that cannot be removed is left to `docker rm`; the suite's outcome stands.
        }
    }

    /// <summary>An error and its inner errors in one line: Docker's reasons (e.g. "no such host") are often inner ones.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var messages = new List<string>();
        for (var current = error; current is not null && messages.Count < 4; current = current.InnerException)
        {
            var message = current.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }

    private static string? Probe()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
                ? "no Docker engine answers (Testcontainers looked at DOCKER_HOST, the Docker socket and ~/.testcontainers.properties)"
                : null;
        }
        catch (Exception error)
        {
            // The detection runs in Testcontainers' static initialisers; any failure of it means "no Docker".
            return $"Testcontainers could not look for a Docker engine: {Describe(error)}";
        }
    }
}
