namespace KpiIngest.Data.Source;

/// <summary>The one place a source reader is made for an engine (the service, the checks and the tests all come here).</summary>
public static class SourceReaderFactory
{
    /// <param name="engine">Source:Provider.</param>
    /// <param name="connectionString">Source:ConnectionString.</param>
    /// <param name="schema">Source:Schema of the three views (servers only; null for the engine's default).</param>
    /// <param name="zone">Source:TimeZone, for servers whose timestamps carry an offset.</param>
    public static ISourceReader Open(DbEngine engine, string connectionString, string? schema, TimeZoneInfo zone) => engine switch
    {
        DbEngine.Sqlite => new SqliteSourceReader(connectionString),
        DbEngine.PostgreSql => new PostgreSqlSourceReader(connectionString, schema, zone),
        DbEngine.SqlServer => new SqlServerSourceReader(connectionString, schema, zone),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Not a source engine."),
    };
}
