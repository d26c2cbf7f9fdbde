
namespace KpiIngest.Data.Store;

/// <summary>Who holds a lease, for what, and until when (UTC).</summary>
public sealed record LeaseHolder(string Holder, string Purpose, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

/// <summary>
/// kpi_lease: named leases in the store, taken and renewed in write transactions so that two processes never both
/// hold one. An expired lease is free: a holder that died without releasing it stops blocking others then. A holder
/// proven gone earlier (by its process, or on a server store by its session lock) is taken over at once
/// (<see cref="TryTakeOver"/>); the proof is the caller's.
/// </summary>
public sealed class LeaseStore(StoreCommands store)
{
    /// <summary>The one lease every run takes (operations.md: runs never overlap, across processes).</summary>
    public const string Runs = "runs";

    /// <summary>Takes the lease when it is free or expired; returns null when taken, else the holder in the way.</summary>
    public LeaseHolder? TryAcquire(string name, string holder, string purpose, DateTimeOffset now, TimeSpan expiry) =>
        Take("AcquireLease", name, holder, new { name, holder, purpose, at = store.Dialect.Utc(now), expires = store.Dialect.Utc(now + expiry) });

    /// <summary>
    /// Takes the lease from <paramref name="goneHolder"/>, known to be gone, if it still holds it; returns null when
    /// taken, else the holder in the way (another run was quicker).
    /// </summary>
    public LeaseHolder? TryTakeOver(string name, string goneHolder, string holder, string purpose, DateTimeOffset now, TimeSpan expiry) =>
        Take(
            "TakeOverLease", name, holder,
            new { name, gone = goneHolder, holder, purpose, at = store.Dialect.Utc(now), expires = store.Dialect.Utc(now + expiry) });

    /// <summary>
    /// True on the server engines: their session lock (<see cref="TryLockSession"/>) is freed by the server when the
    /// connection that took it ends. SQLite has none (a file has no sessions).
    /// </summary>
    public bool HasSessionLocks => store.Dialect.Engine != DbEngine.Sqlite;

    /// <summary>
    /// Takes the lease's session lock on this session's connection without waiting: true when taken, false when another
    /// connection holds it. Taken once per connection (the engines count repeated takes); server engines only.
    /// </summary>
    public bool TryLockSession(string name) => store.Scalar<int>(store.Dialect.Sql("TryLockLeaseSession"), new { name }) == 1;

    /// <summary>Lets go of the session lock this session's connection took.</summary>
    public void UnlockSession(string name) => store.Execute(store.Dialect.Sql("UnlockLeaseSession"), new { name });

    /// <summary>Pushes the expiry forward; false when the lease is no longer this holder's (it lapsed and was taken).</summary>
    public bool Renew(string name, string holder, DateTimeOffset now, TimeSpan expiry) =>
        store.Changed(
            "RenewLease",
            new { name, holder, at = store.Dialect.Utc(now), expires = store.Dialect.Utc(now + expiry) }) > 0;

    /// <summary>Frees the lease if this holder still has it.</summary>
    public void Release(string name, string holder) =>
        store.Execute(store.Dialect.Sql("ReleaseLease"), new { name, holder });

    public LeaseHolder? Current(string name) => Read(name);

    /// <summary>Runs the taking statement <paramref name="sql"/> and reads who holds the lease now, in one write transaction.</summary>
    private LeaseHolder? Take(string sql, string name, string holder, object parameters)
    {
        using var transaction = store.BeginWrite();
        store.Write(store.Dialect.Sql(sql), parameters);
        var current = Read(name);
        transaction.Commit();
        return current is not null && current.Holder == holder ? null : current;
    }

    private LeaseHolder? Read(string name)
    {
        using var reader = store.Reader(store.Dialect.Sql("ReadLease"), new { name });
        return reader.Read()
            ? new LeaseHolder(reader.GetString(0), reader.GetString(1), StoreValue.Utc(reader.GetValue(2)), StoreValue.Utc(reader.GetValue(3)))
            : null;
    }
}
