using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Logging;
using Polly;

namespace KpiIngest.Worker.Pipeline;

/// <summary>Opens the configured source engine's reader, behind retries and a circuit breaker shared by every run.</summary>
public sealed class SourceReaders(KpiSettings settings, TimeProvider time, ILogger<SourceReaders> logger)
{
    private readonly ResiliencePipeline _resilience = SourceResilience.Create(settings.Source.Retry, time, logger);

    public ISourceReader Open()
    {
        ISourceReader reader;
        try
        {
            reader = _resilience.Execute(OpenReader);
        }
        catch (Exception error) when (error is not (OperationCanceledException or OutOfMemoryException))
        {
            // Source:ConnectionString is named, never shown: it may carry a password.
            throw new SourceUnavailableException(
                $"Opening the source (Source:ConnectionString) failed: {RunErrors.Describe(error)}", error);
        }

        return new ResilientSourceReader(reader, _resilience);
    }

    private ISourceReader OpenReader() => settings.Source.Provider switch
    {
        DatabaseProviders.Sqlite => new SqliteSourceReader(settings.SourceConnectionString),
        DatabaseProviders.PostgreSql => new PostgreSqlSourceReader(settings.SourceConnectionString, settings.Source.Schema, settings.TimeZone),
        DatabaseProviders.SqlServer => new SqlServerSourceReader(settings.SourceConnectionString, settings.Source.Schema, settings.TimeZone),
        _ => throw new NotSupportedException($"Source:Provider {settings.Source.Provider} is not one of {string.Join(", ", DatabaseProviders.All)}."),
    };
}
