using System.Collections.Concurrent;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// The store's statements, one .sql file each: Sql/Store/Name.sql where the three engines agree, and
/// Sql/Store/&lt;Provider&gt;/Name.sql only where one differs (style.md #6). The store's migrations are the
/// deploy/sql/&lt;provider&gt;/store scripts, the same files a DBA reviews.
/// </summary>
public static class StoreStatements
{
    private const string Prefix = "KpiIngest.Data.Sql.Store.";

    private static readonly ConcurrentDictionary<(string Provider, string Name), string> Resolved = new();

    /// <summary>The text of <paramref name="name"/> for <paramref name="provider"/>: its own file if it has one, else the shared one.</summary>
    public static string Text(string provider, string name) =>
        Resolved.GetOrAdd((provider, name), key =>
            TryLoad($"{Prefix}{key.Provider}.{key.Name}.sql") ?? TryLoad($"{Prefix}{key.Name}.sql")
            ?? throw new InvalidOperationException($"The store statement '{key.Name}' is missing for {key.Provider}."));

    /// <summary>Every statement name with the provider's text, for the syntax tests.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. typeof(StoreStatements).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^4])
            .Select(n => n.Contains('.', StringComparison.Ordinal) ? n[(n.IndexOf('.', StringComparison.Ordinal) + 1)..] : n)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>The statements <paramref name="provider"/> runs: its own files and the shared ones (not another engine's own).</summary>
    public static IReadOnlyList<string> Names(string provider)
    {
        var resources = typeof(StoreStatements).Assembly.GetManifestResourceNames().ToHashSet(StringComparer.Ordinal);
        return [.. Names().Where(n => resources.Contains($"{Prefix}{provider}.{n}.sql") || resources.Contains($"{Prefix}{n}.sql"))];
    }

    /// <summary>The store migrations of a provider (deploy/sql/&lt;provider&gt;/store), ordered by their number.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Migrations(string provider)
    {
        var folder = $"deploy/sql/{provider.ToLowerInvariant()}/store/";
        var assembly = typeof(StoreStatements).Assembly;

        // %(RecursiveDir) keeps the build machine's separator: compare with forward slashes.
        return [.. assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Path: resource.Replace('\\', '/')))
            .Where(r => r.Path.StartsWith(folder, StringComparison.Ordinal) && r.Path.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r => (r.Path[folder.Length..^4], TryLoad(r.Resource)!))];
    }

    private static string? TryLoad(string resource)
    {
        using var stream = typeof(StoreStatements).Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
