using System.Data;
using System.Data.Common;
using Dapper;
using KpiIngest.Data.Dialects;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// What differs between the store's engines, and nothing else (design.md, "Providers"): opening a connection,
/// the bulk path that loads many rows at once, the session's staging tables and the lock that lets one instance
/// upgrade the store. The text of a statement where the dialects disagree and how a date or an instant travels as
/// a parameter are the engine's, shared with the source readers (<see cref="EngineDialect"/>). Every store
/// class speaks to the store through one of these; the composer, the alert fold and the digest never see SQL.
/// </summary>
public abstract class StoreDialect
{
    /// <summary>What <c>{schema}.</c> in a statement becomes: the quoted configured schema and a dot, or nothing (SQLite).</summary>
    private readonly string _schemaPrefix;

    /// <param name="engine">What the store shares with every use of its engine: quoting, statements, parameters.</param>
    /// <param name="schema">Store:Schema, unquoted (ignored where the engine has no schemas).</param>
    /// <param name="tempPrefix">What names a session's temporary table.</param>
    protected StoreDialect(EngineDialect engine, string schema, string tempPrefix)
    {
        ArgumentNullException.ThrowIfNull(engine);
        EngineDialect = engine;
        _schemaPrefix = engine.SchemaPrefix(schema);
        TempPrefix = tempPrefix;
    }

    /// <summary>The engine's dialect, which quotes identifiers and types parameters for the store as for the source.</summary>
    public EngineDialect EngineDialect { get; }

    public DbEngine Engine => EngineDialect.Engine;

    /// <summary>The Store:Provider value, and the folder of this engine's statements and migrations.</summary>
    public string Provider => Engine.ToString();

    /// <summary>What names a session's temporary table: <c>temp.</c>, <c>pg_temp.</c> or <c>#</c>.</summary>
    public string TempPrefix { get; }

    /// <summary>The statement <paramref name="name"/> of Sql/Store for this engine, with its schema and temporary tables named.</summary>
    public string Sql(string name) => ResolveTemp(EngineDialect.Statement(EmbeddedSql.StoreArea, name, _schemaPrefix));

    /// <summary>The store migrations of this engine (deploy/sql/&lt;engine&gt;/store, embedded), ordered by their number.</summary>
    public IReadOnlyList<(string Name, string Sql)> Migrations() =>
        EmbeddedSql.Data.Folder($"deploy/sql/{Engine.ScriptFolder()}/store/");

    /// <summary>Names the schema and temporary tables in a statement or migration written with <c>{schema}.</c> and <c>{temp}</c>.</summary>
    public string Resolve(string sql) => ResolveTemp(EmbeddedSql.WithSchema(sql, _schemaPrefix));

    private string ResolveTemp(string sql) => sql.Replace(TempPlaceholder, TempPrefix, StringComparison.Ordinal);

    /// <summary>Where a statement names a session's temporary table.</summary>
    public const string TempPlaceholder = "{temp}";

    public DbConnection Open(string connectionString) => EngineConnections.OpenStore(Engine, connectionString);

    /// <summary>A transaction for writing: taken so that concurrent writers queue rather than fail half-way.</summary>
    public virtual DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    /// <summary>A local date (or NULL) as this engine's <c>date</c> parameter.</summary>
    public StoreParameter Day(DateOnly? day) => new(day is { } d ? EngineDialect.Day(d) : null, StoreType.Day, EngineDialect);

    /// <summary>A UTC instant (or NULL) as this engine's timestamp parameter.</summary>
    public StoreParameter Utc(DateTimeOffset? instant) => new(instant is { } i ? EngineDialect.Utc(i) : null, StoreType.Utc, EngineDialect);

    /// <summary>A source-local timestamp (no zone) as this engine's parameter.</summary>
    public StoreParameter Local(DateTime local) => new(EngineDialect.Local(local), StoreType.Local, EngineDialect);

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> (a store table, or a staging table created by
    /// <see cref="CreateStage"/>) in the transaction, by this engine's fast path: prepared inserts on SQLite,
    /// binary COPY on PostgreSQL, SqlBulkCopy on SQL Server. Values are neutral CLR values of each column's type.
    /// </summary>
    public abstract void BulkInsert(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows);

    /// <summary>
    /// True where a page is written one prepared statement per row (SQLite: in-process, a row costs a native call,
    /// not a round trip, so staging it first only adds work); false where it is staged in bulk and applied with one
    /// set-based statement (the servers: COPY or SqlBulkCopy into the stage).
    /// </summary>
    public virtual bool WritesRowByRow => false;

    /// <summary>
    /// True where a statement whose count of changed rows matters returns that count as its result (SQL Server: its
    /// text ends with <c>SELECT @@ROWCOUNT</c>, because a server or session NOCOUNT turns the driver's count into -1);
    /// false where the driver's count is always given (PostgreSQL, SQLite).
    /// </summary>
    public virtual bool SelectsRowCount => false;

    /// <summary>
    /// Runs the statement <paramref name="name"/> once per row, prepared once, with parameters named after
    /// <paramref name="columns"/> (values as <see cref="BulkInsert"/> takes them); returns the rows affected by each.
    /// </summary>
    public IEnumerable<int> ExecuteEach(DbConnection connection, DbTransaction transaction, string name,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows) =>
        ExecuteEachRow(connection, transaction, Sql(name), columns, rows);

    /// <summary>
    /// <see cref="ExecuteEach"/> for statement text. Only an engine that <see cref="WritesRowByRow"/> runs rows one by
    /// one; the others stage them.
    /// </summary>
    protected virtual IEnumerable<int> ExecuteEachRow(DbConnection connection, DbTransaction transaction, string sql,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows) =>
        throw new NotSupportedException($"The {Provider} store stages rows in bulk instead of writing them one by one.");

    /// <summary>Runs the query <paramref name="name"/> in <paramref name="transaction"/> (the session's open one, if any) and returns its rows for typed reading.</summary>
    public StoreRows Rows(DbConnection connection, DbTransaction? transaction, string name, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        try
        {
            command.Transaction = transaction;
            command.CommandText = Sql(name);
            foreach (var (parameterName, value) in parameters)
            {
                if (value is StoreParameter typed)
                {
                    typed.AddParameter(command, "@" + parameterName);
                    continue;
                }

                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + parameterName;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            return CreateRows(command, command.ExecuteReader());
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    protected virtual StoreRows CreateRows(DbCommand command, DbDataReader reader) => new(command, reader);

    /// <summary>Creates the session's empty staging table <paramref name="stage"/>, or empties it if it is there.</summary>
    public void CreateStage(DbConnection connection, DbTransaction transaction, StageTable stage)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CreateStageSql(stage);
        command.ExecuteNonQuery();
    }

    /// <summary>The full name of a staging table in statements.</summary>
    public string StageName(StageTable stage) => TempPrefix + stage.Name;

    protected abstract string CreateStageSql(StageTable stage);

    /// <summary>The engine's column type for a staging table.</summary>
    protected abstract string TypeName(StoreType type);

    protected string ColumnList(StageTable stage) =>
        string.Join(", ", stage.Columns.Select(c => $"{c.Name} {TypeName(c.Type)}"));

    /// <summary>Creates the schema and kpi_schema_version when missing.</summary>
    public void EnsureVersionTable(DbConnection connection)
    {
        if (!HasVersionTable(connection))
        {
            foreach (var batch in Batches(VersionTableScript))
            {
                connection.Execute(batch, commandTimeout: UnboundedCommandTimeout);
            }
        }
    }

    /// <summary>
    /// Creates the schema (only if missing: creating one needs rights a store login that merely owns it lacks) and
    /// kpi_schema_version; re-runnable. Also the head of a DBA's script.
    /// </summary>
    public abstract string VersionTableScript { get; }

    /// <summary>The current UTC time in this engine's SQL, for the version rows of a DBA's script.</summary>
    public abstract string NowSql { get; }

    public virtual string BeginTransactionSql => "BEGIN;";

    /// <summary>True when kpi_schema_version exists (a store that was never migrated has none).</summary>
    public abstract bool HasVersionTable(DbConnection connection);

    /// <summary>
    /// The command timeout, in seconds, of the statements whose length grows with the store or with another instance's
    /// work: the wait for the migration lock, each migration batch, and the rebuild of kpi_daily_pair after a first
    /// ingest. None (0) on the servers, where waiting behind another instance's migration, or a statement over every fact,
    /// outlasts the driver's default of 30 s (or the connection string's Command Timeout) and would be cut off, failing
    /// the start or every run after it; the lock is the session's, so it is released however its holder ends. Null keeps
    /// the driver's (SQLite, where the timeout is the busy wait and the migration lock is the write transaction itself).
    /// </summary>
    public virtual int? UnboundedCommandTimeout => null;

    /// <summary>
    /// Holds the store's migration lock until disposed, so instances starting together upgrade once: the
    /// second waits, then finds nothing pending.
    /// </summary>
    public abstract IDisposable LockMigrations(DbConnection connection);

    /// <summary>A migration script cut into the batches the engine runs one by one (SQL Server's GO).</summary>
    public virtual IReadOnlyList<string> Batches(string script) => [Resolve(script)];

    /// <summary>What a DBA's script writes between batches (SQL Server: GO).</summary>
    public virtual string BatchSeparator => "";

    /// <summary>The dialect of a Store:Provider value.</summary>
    public static StoreDialect For(string provider, string? schema) => For(DbEngines.Parse(provider, "Store:Provider"), schema);

    /// <summary>The store's dialect on <paramref name="engine"/>, in <paramref name="schema"/> (Store:Schema; the default where none).</summary>
    public static StoreDialect For(DbEngine engine, string? schema) => engine switch
    {
        DbEngine.PostgreSql => new PostgreSqlStoreDialect(SchemaOrDefault(schema)),
        DbEngine.SqlServer => new SqlServerStoreDialect(SchemaOrDefault(schema)),
        _ => new SqliteStoreDialect(),
    };

    /// <summary>store.md: Store:Schema defaults to kpi on the server engines.</summary>
    public const string DefaultSchema = "kpi";

    private static string SchemaOrDefault(string? schema) => string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema;
}
