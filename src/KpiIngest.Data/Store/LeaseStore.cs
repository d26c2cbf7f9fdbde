using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>Who holds a lease, for what, and until when (UTC).</summary>
public sealed record LeaseHolder(string Holder, string Purpose, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

/// <summary>
/// kpi_lease: named leases in the store, taken and renewed in write transactions so that two processes never both
/// hold one. An expired lease is free: a holder that died without releasing it stops blocking others then.
/// </summary>
public sealed class LeaseStore(SqliteConnection connection)
{
    /// <summary>The one lease every run takes (operations.md: runs never overlap, across processes).</summary>
    public const string Runs = "runs";

    /// <summary>Takes the lease when it is free or expired; returns null when taken, else the holder in the way.</summary>
    public LeaseHolder? TryAcquire(string name, string holder, string purpose, DateTimeOffset now, TimeSpan expiry)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var at = StoreFormat.Utc(now);
        connection.Execute(
            """
            INSERT INTO kpi_lease (name, holder, purpose, acquired_at, renewed_at, expires_at)
            VALUES (@name, @holder, @purpose, @at, @at, @expires)
            ON CONFLICT (name) DO UPDATE SET
                holder = excluded.holder, purpose = excluded.purpose, acquired_at = excluded.acquired_at,
                renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
            WHERE kpi_lease.expires_at <= excluded.acquired_at OR kpi_lease.holder = excluded.holder
            """,
            new { name, holder, purpose, at, expires = StoreFormat.Utc(now + expiry) },
            transaction);
        var current = Read(name, transaction);
        transaction.Commit();
        return current is not null && current.Holder == holder ? null : current;
    }

    /// <summary>Pushes the expiry forward; false when the lease is no longer this holder's (it lapsed and was taken).</summary>
    public bool Renew(string name, string holder, DateTimeOffset now, TimeSpan expiry) =>
        connection.Execute(
            "UPDATE kpi_lease SET renewed_at = @at, expires_at = @expires WHERE name = @name AND holder = @holder",
            new { name, holder, at = StoreFormat.Utc(now), expires = StoreFormat.Utc(now + expiry) }) > 0;

    /// <summary>Frees the lease if this holder still has it.</summary>
    public void Release(string name, string holder) =>
        connection.Execute("DELETE FROM kpi_lease WHERE name = @name AND holder = @holder", new { name, holder });

    public LeaseHolder? Current(string name) => Read(name, null);

    private LeaseHolder? Read(string name, SqliteTransaction? transaction) =>
        connection.Query<(string Holder, string Purpose, string AcquiredAt, string ExpiresAt)>(
                "SELECT holder, purpose, acquired_at, expires_at FROM kpi_lease WHERE name = @name", new { name }, transaction)
            .Select(r => new LeaseHolder(r.Holder, r.Purpose, ParseUtc(r.AcquiredAt), ParseUtc(r.ExpiresAt)))
            .FirstOrDefault();

    internal static DateTimeOffset ParseUtc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
