using System.Data.Common;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>Where the store lives: its engine's dialect and the connection string (Store:Provider, Store:ConnectionString, Store:Schema).</summary>
public sealed record StoreDatabase(StoreDialect Dialect, string ConnectionString)
{
    public static StoreDatabase Sqlite(string connectionString) => new(new SqliteStoreDialect(), connectionString);

    public static StoreDatabase For(string provider, string connectionString, string? schema) =>
        new(StoreDialect.For(provider, schema), connectionString);

    public static StoreDatabase For(DbEngine engine, string connectionString, string? schema) =>
        new(StoreDialect.For(engine, schema), connectionString);

    public DbConnection Open()
    {
        StoreUsage.Current?.CountConnection();
        return Dialect.Open(ConnectionString);
    }

    /// <summary>The connection string is never printed: it may hold a password.</summary>
    public override string ToString() => $"{Dialect.Provider} store";
}
