using KpiIngest.Core.Periods;
using KpiIngest.Data;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace KpiIngest.Worker.Pipeline;

/// <summary>Opens the configured source engine's reader, behind retries and a circuit breaker shared by every run.</summary>
public sealed class SourceReaders(SourceDatabase source, IOptions<SourceOptions> options, SourceClock clock, TimeProvider time, ILogger<SourceReaders> logger)
{
    private readonly ResiliencePipeline _resilience = SourceResilience.Create(options.Value.Retry, time, logger);

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

    /// <summary>
    /// For the health checks: the reader without retries on SQLite, over an unpooled connection (a pooled one keeps its
    /// file open, so it would still "answer" after the file was moved away). Server engines' pools do not hide an
    /// unreachable server.
    /// </summary>
    public ISourceReader OpenForCheck() =>
        Engine == DbEngine.Sqlite
            ? SourceReaderFactory.Open(Engine, new SqliteConnectionStringBuilder(source.ConnectionString) { Pooling = false }.ConnectionString,
                source.Schema, clock.Zone)
            : Open();

    private DbEngine Engine => source.Engine;

    private ISourceReader OpenReader() =>
        SourceReaderFactory.Open(Engine, source.ConnectionString, source.Schema, clock.Zone);
}
