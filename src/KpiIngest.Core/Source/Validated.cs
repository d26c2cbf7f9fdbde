namespace KpiIngest.Core.Source;

/// <summary>The good rows of a relation and the quarantine entries for the bad ones.</summary>
public sealed record Validated<T>(IReadOnlyList<T> Good, IReadOnlyList<QuarantineEntry> Quarantined);
