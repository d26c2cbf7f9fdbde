using System.Data;
using System.Data.Common;
using KpiIngest.Core.Source;
using KpiIngest.Data.Dialects;

namespace KpiIngest.Data.Source;

/// <summary>
/// What the PostgreSQL and SQL Server readers share: one open connection, the contract queries of the engine's SQL
/// folder with the schema put in, and keyset paging through a first page (ReadChangedDossiers.sql) and later pages
/// after a cursor (ReadChangedDossiersAfter.sql), every parameter typed by the engine's <see cref="EngineDialect"/> like
/// the column it is compared with. An engine supplies its catalog query and the column types it can page on.
/// </summary>
public abstract class ServerSourceReader : ISourceReader
{
    private readonly DbConnection _connection;
    private readonly TimeZoneInfo _zone;
    private readonly string _schemaPrefix;
    private SourceColumns? _columns;
    private OptionalColumns? _optional;

    /// <param name="dialect">The server engine's dialect: the reader opens a connection to it now and owns it, runs its queries and types its parameters.</param>
    /// <param name="connectionString">Source:ConnectionString.</param>
    /// <param name="schema">Source:Schema, unquoted.</param>
    /// <param name="zone">Source:TimeZone, for updated_at columns that hold instants.</param>
    protected ServerSourceReader(EngineDialect dialect, string connectionString, string schema, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
        Schema = schema;
        _zone = zone;
        _schemaPrefix = dialect.SchemaPrefix(schema);
        _connection = EngineConnections.Opened(EngineConnections.CreateServer(dialect.Engine, connectionString));
    }

    protected EngineDialect Dialect { get; }

    protected string Schema { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations() => Columns.Offered();

    public OptionalColumns PresentOptionalColumns() => _optional ??= SourceContract.OptionalPresent(Columns.Offered());

    public IEnumerable<RawUnit> ReadUnits() => SourceRows.Read(() => Command("ReadUnits"), SourceRows.Unit);

    public IEnumerable<RawProcedure> ReadProcedures() => SourceRows.Read(() => Command("ReadProcedures"), SourceRows.Procedure);

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
    [
        .. SourceRows.Read(() => after is null
            ? Command("ReadChangedDossiers", UpdatedAt("@from", Dialect.Watermark(from, UpdatedAtDataType, _zone)), Limit(limit))
            : Command("ReadChangedDossiersAfter", UpdatedAt("@afterUpdatedAt", after.UpdatedAt), Key("@afterId", after.DossierId), Limit(limit)),
            SourceRows.Dossier),
    ];

    public abstract bool ScansOneSnapshot { get; }

    public IEnumerable<RawDossier> ReadAllDossiers() => ScansOneSnapshot
        ? SourceRows.Read(() => Command("ReadAllDossiers"), SourceRows.Dossier)
        : throw new InvalidOperationException($"{GetType().Name} reads dossiers in keyset pages only: a scan is not one snapshot.");

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
    [
        .. SourceRows.Read(
            () => Command("ReadDossiersWithKey", UpdatedAt("@updatedAt", key.UpdatedAt), Key("@dossierId", key.DossierId)),
            SourceRows.Dossier),
    ];

    public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        dossierIds.Count == 0 ? [] : [.. SourceRows.Read(() => Command("ReadDossiersByIds", Dialect.KeyListParameter("@ids", dossierIds)), SourceRows.Dossier)];

    /// <summary>
    /// No command timeout: the server sorts every key before it sends the first (minutes at millions of rows), and the
    /// stream then lasts as long as the merge takes, while the drivers' default of 30 s (or the connection string's
    /// Command Timeout, meant for the short paged reads) would cut it off and fail every reconciliation. The price: a
    /// server that hangs without dropping the connection holds the weekly job until it is stopped.
    /// </summary>
    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        SourceRows.Read(() => WithoutTimeout(Command("ReadDossierKeys")), SourceRows.Key);

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _connection.Dispose();
    }

    /// <summary>The contract relations' columns and types, read from the catalog once per reader (one run), then checked.</summary>
    protected SourceColumns Columns => _columns ??= DescribeColumns();

    /// <summary>The catalog's view of the three relations; throws <see cref="SourceContractException"/> for a type the SQL cannot page on.</summary>
    protected abstract SourceColumns DescribeColumns();

    /// <summary>The type name the catalog gave updated_at, or null while the column is missing.</summary>
    private string? UpdatedAtDataType => Columns.TypeOf(SourceContract.Dossiers, "updated_at");

    private DbParameter UpdatedAt(string name, object value) => Dialect.TimestampParameter(name, value, UpdatedAtDataType);

    private DbParameter Key(string name, object value) =>
        Dialect.KeyParameter(name, value, Columns.TypeOf(SourceContract.Dossiers, "dossier_id"));

    private DbParameter Limit(int limit) => Dialect.Parameter("@limit", limit);

    private static DbCommand WithoutTimeout(DbCommand command)
    {
        command.CommandTimeout = 0;
        return command;
    }

    /// <summary>A command running a query of the engine's folder, its relations in Source:Schema.</summary>
    protected DbCommand Command(string script, params DbParameter[] parameters)
    {
        if (_connection.State != ConnectionState.Open)
        {
            // The server ended the session (a restart, a failover, a timeout the driver could not cancel cleanly):
            // a new one lets the retry of that transient fault succeed once the server is back.
            _connection.Close();
            _connection.Open();
        }

        var command = _connection.CreateCommand();
        var sql = Dialect.Statement(EmbeddedSql.SourceArea, script, _schemaPrefix);

        // The catalog query itself has no optional column to put in, and must not need the catalog to run.
        command.CommandText = script == "DescribeRelations" ? sql : SourceRows.WithOptionalColumns(sql, PresentOptionalColumns());
        command.Parameters.AddRange(parameters);
        return command;
    }
}
