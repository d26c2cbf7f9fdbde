namespace KpiIngest.Data;

/// <summary>
/// The database engines KpiIngest reads from and writes to. Their names are the values of Source:Provider and
/// Store:Provider, the folders of their SQL (Sql/&lt;Area&gt;/&lt;Engine&gt;) and, lower-cased, of deploy/sql.
/// </summary>
public enum DbEngine
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>The one list of engine names (what differs between the engines is their <see cref="Dialects.EngineDialect"/>).</summary>
public static class DbEngines
{
    /// <summary>Every engine's name, as configuration spells it.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<DbEngine>();

    /// <summary>The engine a configured provider name names; exact spelling, as the settings check requires.</summary>
    public static bool TryParse(string? name, out DbEngine engine)
    {
        engine = default;
        return name is not null && Names.Contains(name, StringComparer.Ordinal) && Enum.TryParse(name, out engine);
    }

    /// <summary>The engine of a provider name that <paramref name="key"/> configured; throws naming the key when it is none.</summary>
    public static DbEngine Parse(string name, string key) =>
        TryParse(name, out var engine)
            ? engine
            : throw new ArgumentException($"{key} '{name}' is not one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The folder of <paramref name="engine"/>'s scripts under deploy/sql: its name in lower case.</summary>
    public static string ScriptFolder(this DbEngine engine) =>
        engine.ToString().ToLowerInvariant();
}
