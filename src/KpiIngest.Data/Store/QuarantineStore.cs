using KpiIngest.Core.Source;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_quarantine: bad source rows with their reasons. A row stays (cleared_at null) while the source still
/// breaks the contract, and leaves by itself (cleared_at set) once a later read finds it corrected or gone.
/// </summary>
public sealed class QuarantineStore(StoreCommands store)
{
    public void Upsert(IEnumerable<QuarantineEntry> entries, DateTimeOffset now)
    {
        var at = store.Dialect.Utc(now);
        store.Write(
            store.Dialect.Sql("UpsertQuarantine"),
            entries.Select(e => new { e.Relation, e.RecordKey, e.Reason, e.ValueText, at }));
    }

    /// <summary>Clears the given keys of a relation: the rows were read again and are good, or are gone.</summary>
    public void Clear(string relation, IEnumerable<string> recordKeys, DateTimeOffset now)
    {
        var at = store.Dialect.Utc(now);
        store.Write(store.Dialect.Sql("ClearQuarantine"), recordKeys.Select(key => new { relation, key, at }));
    }

    /// <summary>For a relation read in full: what is quarantined now is exactly <paramref name="entries"/>.</summary>
    public void ReplaceAll(string relation, IReadOnlyList<QuarantineEntry> entries, DateTimeOffset now)
    {
        var current = entries.Select(e => e.RecordKey).ToHashSet(StringComparer.Ordinal);
        Clear(relation, ActiveKeys(relation).Where(k => !current.Contains(k)), now);
        Upsert(entries, now);
    }

    public IReadOnlyList<string> ActiveKeys(string relation) =>
        [.. store.Query<string>(store.Dialect.Sql("ActiveQuarantineKeys"), new { relation })];

    public long CountActive(string relation) =>
        store.Scalar<long>(store.Dialect.Sql("CountActiveQuarantine"), new { relation });
}
