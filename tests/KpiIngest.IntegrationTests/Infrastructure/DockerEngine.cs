using System.Text.Json;
using Docker.DotNet;
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
    /// Builds and starts a container, pulling its image if it is missing; null, with why, when Docker is missing or the
    /// container cannot be built, pulled or started (it is then removed). Waits on a thread of its own: the fixtures
    /// start their servers synchronously, from whichever test first needs one.
    /// </summary>
    public static T? TryStart<T>(Func<T> build, TimeSpan within, out string? failure)
        where T : class, IContainer
    {
        ArgumentNullException.ThrowIfNull(build);
        if (UnavailableReason is { } noDocker)
        {
            failure = noDocker;
            return null;
        }

        T? container = null;
        using var timeout = new CancellationTokenSource(within);
        try
        {
            container = build();
            Task.Run(() => container.StartAsync(timeout.Token), CancellationToken.None).GetAwaiter().GetResult();
            failure = null;
            return container;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failure = $"it did not start within {within.TotalMinutes:0} minutes";
        }
        catch (Exception error)
        {
            // Testcontainers' builders, Docker.DotNet and the wait strategies throw many unrelated types; each means
            // "no server here", which the caller says as the skip or fallback reason.
            failure = Describe(error);
        }

        if (container is not null)
        {
            Remove(container);
        }

        return null;
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

    /// <summary>
    /// An error and its inner errors in one line: Docker's reasons (e.g. "no such host") are often inner ones, and the
    /// engine's own message is taken out of its JSON answer.
    /// </summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var messages = new List<string>();
        for (var current = error; current is not null && messages.Count < 4; current = current.InnerException)
        {
            var message = (current is DockerApiException api ? EngineMessage(api) : null) ?? current.Message;
            message = message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }

    /// <summary>The "message" of the engine's JSON error answer, if it has one.</summary>
    private static string? EngineMessage(DockerApiException error)
    {
        try
        {
            using var body = JsonDocument.Parse(error.ResponseBody ?? "");
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var message)
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
