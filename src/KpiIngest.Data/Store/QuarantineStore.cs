using System.Data.Common;
using Dapper;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_quarantine: bad source rows with their reasons. A row stays (cleared_at null) while the source still
/// breaks the contract, and leaves by itself (cleared_at set) once a later read finds it corrected or gone.
/// </summary>
public sealed class QuarantineStore(DbConnection connection, StoreDialect dialect)
{
    public void Upsert(IEnumerable<QuarantineEntry> entries, DateTimeOffset now, DbTransaction transaction)
    {
        var at = dialect.Utc(now);
        connection.Execute(
            dialect.Sql("UpsertQuarantine"),
            entries.Select(e => new { e.Relation, e.RecordKey, e.Reason, e.ValueText, at }),
            transaction);
    }

    /// <summary>Clears the given keys of a relation: the rows were read again and are good, or are gone.</summary>
    public void Clear(string relation, IEnumerable<string> recordKeys, DateTimeOffset now, DbTransaction transaction)
    {
        var at = dialect.Utc(now);
        connection.Execute(dialect.Sql("ClearQuarantine"), recordKeys.Select(key => new { relation, key, at }), transaction);
    }

    /// <summary>For a relation read in full: what is quarantined now is exactly <paramref name="entries"/>.</summary>
    public void ReplaceAll(string relation, IReadOnlyList<QuarantineEntry> entries, DateTimeOffset now, DbTransaction transaction)
    {
        var current = entries.Select(e => e.RecordKey).ToHashSet(StringComparer.Ordinal);
        Clear(relation, ActiveKeys(relation, transaction).Where(k => !current.Contains(k)), now, transaction);
        Upsert(entries, now, transaction);
    }

    public IReadOnlyList<string> ActiveKeys(string relation, DbTransaction? transaction = null) =>
        [.. connection.Query<string>(dialect.Sql("ActiveQuarantineKeys"), new { relation }, transaction)];

    public long CountActive(string relation) =>
        connection.ExecuteScalar<long>(dialect.Sql("CountActiveQuarantine"), new { relation });
}
