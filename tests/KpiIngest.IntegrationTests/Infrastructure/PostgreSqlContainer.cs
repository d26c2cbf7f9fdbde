using Testcontainers.PostgreSql;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The suite's PostgreSQL in a container started through Testcontainers.PostgreSql: the image of
/// KPIINGEST_TEST_POSTGRES_IMAGE, by default the official <c>postgres:15</c> (.ci/run builds a stand-in,
/// local/postgres:15, where no registry is reachable). Trust authentication for every role, as on the initdb cluster:
/// the tests' least-privileged roles have no passwords, and what they test is privileges.
/// </summary>
internal sealed class PostgreSqlContainerHost : IPostgreSqlHost
{
    public const string ImageVariable = "KPIINGEST_TEST_POSTGRES_IMAGE";
    public const string DefaultImage = "postgres:15";

    /// <summary>Pulling the official image on a slow line takes a while; a missing registry fails at once.</summary>
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(10);

    private readonly PostgreSqlContainer _container;

    private PostgreSqlContainerHost(string image, PostgreSqlContainer container)
    {
        Image = image;
        _container = container;
    }

    public string Image { get; }

    public string Host => _container.Hostname;

    public int Port => _container.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort);

    public string AdminUser => "kpi";

    public string? AdminPassword => "kpi";

    public string Description => $"Testcontainers, image {Image}";

    /// <summary>The image the suite asks for: KPIINGEST_TEST_POSTGRES_IMAGE, else the official one.</summary>
    public static string ConfiguredImage =>
        Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>Starts the container; null, with the reason, when Docker is missing or the image cannot be pulled or started.</summary>
    public static PostgreSqlContainerHost? TryStart(out string? unavailable)
    {
        var image = ConfiguredImage;
        var container = DockerEngine.TryStart(
            () => new PostgreSqlBuilder(image)
                .WithUsername("kpi")
                .WithPassword("kpi")
                .WithDatabase("postgres")
                .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "trust")
                // As on the initdb cluster: parallel test classes open many sessions at once.
                .WithCommand("-c", "max_connections=200")
                // Docker's default 64 MB /dev/shm is too small for parallel query workers under the suite's load.
                .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new()).ShmSize = 256L * 1024 * 1024)
                .Build(),
            StartWithin,
            out var failure);
        if (container is null)
        {
            unavailable = DockerEngine.UnavailableReason ?? $"Docker could not pull or start {image}: {failure}";
            return null;
        }

        unavailable = null;
        return new PostgreSqlContainerHost(image, container);
    }

    public void Dispose() => DockerEngine.Remove(_container);
}
