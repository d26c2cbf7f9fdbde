using System.Collections.Concurrent;

namespace KpiIngest.Data;

/// <summary>
/// SQL kept in .sql files embedded in this assembly (style.md #6), named after what runs them and loaded once:
/// <c>Sql/Sqlite/ReadChangedDossiers.sql</c> is <c>SqlScript.Get("Sqlite", "ReadChangedDossiers")</c>.
/// </summary>
public static class SqlScript
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Get(string folder, string name) =>
        Cache.GetOrAdd($"KpiIngest.Data.Sql.{folder}.{name}.sql", Load);

    /// <summary>
    /// A script that names its relations <c>{schema}.name</c>, with the placeholder replaced by
    /// <paramref name="quotedSchema"/>: an identifier the caller has already quoted for its engine
    /// (identifiers cannot be parameters).
    /// </summary>
    public static string Get(string folder, string name, string quotedSchema) =>
        Get(folder, name).Replace(SchemaPlaceholder, quotedSchema, StringComparison.Ordinal);

    /// <summary>What scripts write where the configured schema goes.</summary>
    public const string SchemaPlaceholder = "{schema}";

    /// <summary>The migration scripts of a folder, ordered by their number prefix.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Migrations(string folder)
    {
        var prefix = $"KpiIngest.Data.Sql.{folder}.Migrations.";
        return [.. typeof(SqlScript).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Cache.GetOrAdd(n, Load)))];
    }

    private static string Load(string resource)
    {
        using var stream = typeof(SqlScript).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL '{resource}' is missing from KpiIngest.Data.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
