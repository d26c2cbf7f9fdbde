namespace KpiIngest.Data.Source;

/// <summary>The source could not be opened or read, even after the retries: the run fails naming the source.</summary>
public sealed class SourceUnavailableException(string message, Exception inner) : Exception(message, inner);
