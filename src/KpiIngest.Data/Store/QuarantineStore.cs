using Dapper;
using KpiIngest.Core.Source;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_quarantine: bad source rows with their reasons. A row stays (cleared_at null) while the source still
/// breaks the contract, and leaves by itself (cleared_at set) once a later read finds it corrected or gone.
/// </summary>
public sealed class QuarantineStore(SqliteConnection connection)
{
    public void Upsert(IEnumerable<QuarantineEntry> entries, DateTimeOffset now, SqliteTransaction transaction) =>
        connection.Execute(
            """
            INSERT INTO kpi_quarantine (relation, record_key, reason, first_seen, last_seen, value_text, cleared_at)
            VALUES (@Relation, @RecordKey, @Reason, @at, @at, @ValueText, NULL)
            ON CONFLICT (relation, record_key) DO UPDATE SET
                reason = excluded.reason, last_seen = excluded.last_seen, value_text = excluded.value_text,
                first_seen = CASE WHEN kpi_quarantine.cleared_at IS NULL THEN kpi_quarantine.first_seen ELSE excluded.first_seen END,
                cleared_at = NULL
            """,
            entries.Select(e => new { e.Relation, e.RecordKey, e.Reason, e.ValueText, at = StoreFormat.Utc(now) }),
            transaction);

    /// <summary>Clears the given keys of a relation: the rows were read again and are good, or are gone.</summary>
    public void Clear(string relation, IEnumerable<string> recordKeys, DateTimeOffset now, SqliteTransaction transaction) =>
        connection.Execute(
            "UPDATE kpi_quarantine SET cleared_at = @at WHERE relation = @relation AND record_key = @key AND cleared_at IS NULL",
            recordKeys.Select(key => new { relation, key, at = StoreFormat.Utc(now) }),
            transaction);

    /// <summary>For a relation read in full: what is quarantined now is exactly <paramref name="entries"/>.</summary>
    public void ReplaceAll(string relation, IReadOnlyList<QuarantineEntry> entries, DateTimeOffset now, SqliteTransaction transaction)
    {
        var current = entries.Select(e => e.RecordKey).ToHashSet(StringComparer.Ordinal);
        Clear(relation, ActiveKeys(relation, transaction).Where(k => !current.Contains(k)), now, transaction);
        Upsert(entries, now, transaction);
    }

    public IReadOnlyList<string> ActiveKeys(string relation, SqliteTransaction? transaction = null) =>
        [.. connection.Query<string>(
            "SELECT record_key FROM kpi_quarantine WHERE relation = @relation AND cleared_at IS NULL ORDER BY record_key",
            new { relation },
            transaction)];

    public long CountActive(string relation) =>
        connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM kpi_quarantine WHERE relation = @relation AND cleared_at IS NULL", new { relation });
}
