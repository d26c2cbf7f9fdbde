using KpiIngest.Data;
using KpiIngest.Data.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// The source as configured (Source:Provider, Source:ConnectionString, Source:Schema), resolved once: a relative
/// SQLite path made absolute against the content root. The connection string is never printed: it may hold a password.
/// </summary>
public sealed record SourceDatabase(DbEngine Engine, string ConnectionString, string? Schema)
{
    public static SourceDatabase From(IOptions<SourceOptions> options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Value;
        return new SourceDatabase(
            DbEngines.Parse(source.Provider, "Source:Provider"),
            ResolvedPaths.ConnectionString(source.Provider, source.ConnectionString, contentRoot),
            source.Schema);
    }

    public override string ToString() => $"{Engine} source";
}

/// <summary>The store as configured (Store:Provider, Store:ConnectionString, Store:Schema), resolved once.</summary>
public static class StoreDatabases
{
    public static StoreDatabase From(IOptions<StoreOptions> options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = options.Value;
        return StoreDatabase.For(store.Provider, ResolvedPaths.ConnectionString(store.Provider, store.ConnectionString, contentRoot), store.Schema);
    }
}

/// <summary>Relative paths in configuration resolve against the content root (operations.md), not the process's whim.</summary>
public static class ResolvedPaths
{
    public static string ConnectionString(string provider, string connectionString, string contentRoot)
    {
        if (provider != DatabaseProviders.Sqlite)
        {
            return connectionString;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !System.IO.Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ConnectionString;
    }

    public static string Path(string path, string contentRoot) =>
        System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, path));
}
