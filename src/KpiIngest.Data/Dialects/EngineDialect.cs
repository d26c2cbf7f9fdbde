using System.Data;
using System.Data.Common;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Dialects;

/// <summary>
/// What differs between the engines wherever KpiIngest writes SQL or passes a value to it, for the store and the
/// source readers alike (style.md #13): how an identifier is quoted and the configured schema named, which of the
/// .sql files of an area an engine runs, and how a date, a UTC instant, a local timestamp or a key travels as a
/// parameter, typed so that it compares exactly with the column it meets. Everything else about an engine lives
/// where it is used: the store's bulk path and migration lock (<see cref="StoreDialect"/>), the source's catalog
/// query and paging (the source readers).
/// </summary>
public abstract class EngineDialect
{
    public static EngineDialect Sqlite { get; } = new SqliteDialect();

    public static EngineDialect PostgreSql { get; } = new PostgreSqlDialect();

    public static EngineDialect SqlServer { get; } = new SqlServerDialect();

    /// <summary>The dialect of <paramref name="engine"/>.</summary>
    public static EngineDialect For(DbEngine engine) => engine switch
    {
        DbEngine.Sqlite => Sqlite,
        DbEngine.PostgreSql => PostgreSql,
        DbEngine.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Not an engine KpiIngest knows."),
    };

    public abstract DbEngine Engine { get; }

    /// <summary>
    /// An identifier (a configured schema, a database name) quoted for this engine: identifiers cannot be parameters,
    /// so they are quoted, the engine's closing quote doubled inside. By default the standard's double quotes.
    /// </summary>
    public virtual string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>What <c>{schema}.</c> in a statement becomes: the quoted <paramref name="schema"/> and a dot, or nothing where the engine has no schemas (SQLite).</summary>
    public virtual string SchemaPrefix(string schema) => QuoteIdentifier(schema) + ".";

    /// <summary>The statement <paramref name="name"/> of Sql/&lt;<paramref name="area"/>&gt; this engine runs, its relations named with <paramref name="schemaPrefix"/>.</summary>
    public string Statement(string area, string name, string schemaPrefix) =>
        EmbeddedSql.WithSchema(EmbeddedSql.Data.Statement(area, Engine, name), schemaPrefix);

    /// <summary>A local date as the value of this engine's <c>date</c> parameter (SQLite: YYYY-MM-DD text).</summary>
    public abstract object Day(DateOnly day);

    /// <summary>A UTC instant as the value of this engine's timestamp parameter (SQLite: ISO text with Z).</summary>
    public abstract object Utc(DateTimeOffset instant);

    /// <summary>A local timestamp of Source:TimeZone (no zone) as the value of this engine's timestamp parameter.</summary>
    public abstract object Local(DateTime local);

    /// <summary>
    /// Gives a store parameter its engine type where the driver would otherwise infer the wrong one from the value
    /// (SQL Server); by default the driver's inference stands.
    /// </summary>
    public virtual void SetParameterType(IDbDataParameter parameter, StoreType type)
    {
    }

    /// <summary>A named parameter (<c>@name</c>) of the type the driver infers from <paramref name="value"/> (null: SQL NULL).</summary>
    public abstract DbParameter Parameter(string name, object? value);

    /// <summary>
    /// True when a source column of the catalog type <paramref name="columnType"/> holds timestamps or dates this
    /// engine's parameters can be compared with exactly (<see cref="TimestampParameter"/>), so the reader can page on it.
    /// </summary>
    public virtual bool IsTimestampType(string columnType) => true;

    /// <summary>A parameter compared with a source column of the catalog type <paramref name="columnType"/> that holds timestamps or dates, of that column's own type, so the comparison is exact and indexable.</summary>
    public virtual DbParameter TimestampParameter(string name, object value, string? columnType) => Parameter(name, value);

    /// <summary>A parameter compared with a source key column (dossier_id) of the catalog type <paramref name="columnType"/>.</summary>
    public virtual DbParameter KeyParameter(string name, object value, string? columnType) => Parameter(name, value);

    /// <summary>One parameter holding every key of a read by key (JSON text where the engine has no arrays).</summary>
    public abstract DbParameter KeyListParameter(string name, IReadOnlyCollection<string> keys);

    /// <summary>
    /// The watermark, a local time of Source:TimeZone, as a value of the source column type
    /// <paramref name="columnType"/>: never later than the watermark (re-reading a row is harmless, skipping one is not).
    /// </summary>
    public virtual object Watermark(DateTime from, string? columnType, TimeZoneInfo zone) => Local(from);
}
