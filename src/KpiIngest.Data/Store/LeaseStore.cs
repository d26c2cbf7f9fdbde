
namespace KpiIngest.Data.Store;

/// <summary>Who holds a lease, for what, and until when (UTC).</summary>
public sealed record LeaseHolder(string Holder, string Purpose, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

/// <summary>
/// kpi_lease: named leases in the store, taken and renewed in write transactions so that two processes never both
/// hold one. An expired lease is free: a holder that died without releasing it stops blocking others then.
/// </summary>
public sealed class LeaseStore(StoreCommands store)
{
    /// <summary>The one lease every run takes (operations.md: runs never overlap, across processes).</summary>
    public const string Runs = "runs";

    /// <summary>Takes the lease when it is free or expired; returns null when taken, else the holder in the way.</summary>
    public LeaseHolder? TryAcquire(string name, string holder, string purpose, DateTimeOffset now, TimeSpan expiry)
    {
        using var transaction = store.BeginWrite();
        store.Write(
            store.Dialect.Sql("AcquireLease"),
            new { name, holder, purpose, at = store.Dialect.Utc(now), expires = store.Dialect.Utc(now + expiry) });
        var current = Read(name);
        transaction.Commit();
        return current is not null && current.Holder == holder ? null : current;
    }

    /// <summary>Pushes the expiry forward; false when the lease is no longer this holder's (it lapsed and was taken).</summary>
    public bool Renew(string name, string holder, DateTimeOffset now, TimeSpan expiry) =>
        store.Changed(
            "RenewLease",
            new { name, holder, at = store.Dialect.Utc(now), expires = store.Dialect.Utc(now + expiry) }) > 0;

    /// <summary>Frees the lease if this holder still has it.</summary>
    public void Release(string name, string holder) =>
        store.Execute(store.Dialect.Sql("ReleaseLease"), new { name, holder });

    public LeaseHolder? Current(string name) => Read(name);

    private LeaseHolder? Read(string name)
    {
        using var reader = store.Reader(store.Dialect.Sql("ReadLease"), new { name });
        return reader.Read()
            ? new LeaseHolder(reader.GetString(0), reader.GetString(1), StoreValue.Utc(reader.GetValue(2)), StoreValue.Utc(reader.GetValue(3)))
            : null;
    }
}
