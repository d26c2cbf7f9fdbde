using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Data;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// How reads from the source meet brief faults: a transient error (a lock, a timeout, a dropped connection)
/// is retried with exponential backoff and jitter; when every recent call failed, a circuit breaker stops
/// hammering a dead source for a while and the run fails at once. The schedule, not the retry, brings the
/// next attempt (Polly, "Using retry for periodic execution").
/// </summary>
public static class SourceResilience
{
    /// <param name="retry">Source:Retry.</param>
    /// <param name="time">The clock the delays and the breaker's durations run on.</param>
    /// <param name="logger">Where each retry is reported, so an operator sees a source struggling before a run fails.</param>
    public static ResiliencePipeline Create(SourceRetryOptions retry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Delay,
                OnRetry = arguments =>
                {
                    logger.LogWarning("The source call failed (attempt {Attempt} of {Attempts}), retrying in {Delay}: {Reason}",
                        arguments.AttemptNumber + 1, retry.MaxRetries + 1, arguments.RetryDelay,
                        arguments.Outcome.Exception is { } error ? RunErrors.Describe(error) : "no result");
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Opens once every call of one run failed through all its retries (and stays open for calls of
                // later runs in this process for BreakDuration): a dead source is not hammered every poll.
                ShouldHandle = transient,
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, retry.MaxRetries + 1),
                SamplingDuration = TimeSpan.FromMinutes(2),
                BreakDuration = TimeSpan.FromMinutes(5),
            })
            .Build();
    }

    /// <summary>Faults worth a retry (<see cref="TransientFaults"/>): the same call may well succeed a moment later.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        // The open circuit refuses calls for BreakDuration; retrying within the run would only wait for nothing.
        BrokenCircuitException => false,
        _ => TransientFaults.IsTransient(error),
    };
}

/// <summary>
/// A source reader whose every call goes through <see cref="SourceResilience"/>. A call that still fails says it was
/// the source that failed (a run's error would otherwise not tell the source's "unable to open database file" from
/// the store's).
/// </summary>
public sealed class ResilientSourceReader(Data.Source.ISourceReader inner, ResiliencePipeline pipeline) : Data.Source.ISourceReader
{
    public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations() => Read(inner.DescribeRelations);

    public Core.Source.OptionalColumns PresentOptionalColumns() => Read(inner.PresentOptionalColumns);

    // Units and the catalog are small: read whole inside the pipeline so a retry starts them over.
    public IEnumerable<Core.Source.RawUnit> ReadUnits() => Read(() => inner.ReadUnits().ToList());

    public IEnumerable<Core.Source.RawProcedure> ReadProcedures() => Read(() => inner.ReadProcedures().ToList());

    public IReadOnlyList<Core.Source.RawDossier> ReadChangedDossiers(DateTime from, Data.Source.DossierCursor? after, int limit) =>
        Read(() => inner.ReadChangedDossiers(from, after, limit));

    public bool ScansOneSnapshot => inner.ScansOneSnapshot;

    // One statement's stream cannot restart midway either: a fault fails the run, whose next one reads again by keyset.
    public IEnumerable<Core.Source.RawDossier> ReadAllDossiers() => Stream(inner.ReadAllDossiers());

    public IReadOnlyList<Core.Source.RawDossier> ReadDossiersWithKey(Data.Source.DossierCursor key) =>
        Read(() => inner.ReadDossiersWithKey(key));

    public IReadOnlyList<Core.Source.RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        Read(() => inner.ReadDossiersByIds(dossierIds));

    // The key stream of a reconciliation cannot restart midway; a fault fails that run and the next one retries.
    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() => inner.ReadDossierKeys();

    public void Dispose() => inner.Dispose();

    /// <summary>The rows of a stream, without retries (a broken stream cannot go on), a failure said to be the source's.</summary>
    private static IEnumerable<T> Stream<T>(IEnumerable<T> rows)
    {
        using var enumerator = SaidOfTheSource(rows.GetEnumerator);
        while (SaidOfTheSource(enumerator.MoveNext))
        {
            yield return enumerator.Current;
        }
    }

    private T Read<T>(Func<T> read) => SaidOfTheSource(() => pipeline.Execute(read));

    private static T SaidOfTheSource<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new SourceUnavailableException($"Reading the source failed: {RunErrors.Describe(error)}", error);
        }
    }
}
