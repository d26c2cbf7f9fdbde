using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using KpiIngest.Data.Dialects;
using Microsoft.Data.SqlClient;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// The production store on SQL Server, in the schema Store:Schema: dates as date, instants as UTC datetime2,
/// booleans as bit. Its bulk path is SqlBulkCopy; its migration lock an application lock of the session.
/// </summary>
public sealed partial class SqlServerStoreDialect(string schema)
    : StoreDialect(EngineDialect.SqlServer, schema, tempPrefix: "#")
{

    /// <summary>The collation of the store's id columns: ordinal, so merges against the source agree on order.</summary>
    public const string KeyCollation = "Latin1_General_100_BIN2";

    public string Schema { get; } = schema;

    public override void BulkInsert(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows)
    {
        using var data = new DataTable();
        foreach (var column in columns)
        {
            data.Columns.Add(column.Name, ClrTypeOf(column.Type));
        }

        foreach (var row in rows)
        {
            data.Rows.Add([.. row.Select(ToParameter)]);
        }

        using var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction)
        {
            DestinationTableName = table,
            BulkCopyTimeout = 0,
        };
        foreach (var column in columns)
        {
            copy.ColumnMappings.Add(column.Name, column.Name);
        }

        copy.WriteToServer(data);
    }

    protected override string CreateStageSql(StageTable stage) =>
        $"IF OBJECT_ID(N'tempdb..{StageName(stage)}') IS NULL CREATE TABLE {StageName(stage)} ({ColumnList(stage)}); TRUNCATE TABLE {StageName(stage)};";

    protected override string TypeName(StoreType type) => type switch
    {
        StoreType.SmallNumber => "int",
        StoreType.Count => "bigint",
        StoreType.Flag => "bit",
        StoreType.Percentage => "decimal(5,2)",
        StoreType.Day => "date",
        StoreType.Utc => "datetime2(3)",
        StoreType.Local => "datetime2(7)",
        _ => $"nvarchar(256) COLLATE {KeyCollation}",
    };

    public override string VersionTableScript => Resolve($$"""
        IF SCHEMA_ID({{Literal(Schema)}}) IS NULL
            EXEC(N'CREATE SCHEMA {{EngineDialect.QuoteIdentifier(Schema).Replace("'", "''", StringComparison.Ordinal)}}');
        GO
        IF OBJECT_ID({{Literal(Schema + ".kpi_schema_version")}}) IS NULL
            CREATE TABLE {schema}.kpi_schema_version (
                version    nvarchar(128) NOT NULL PRIMARY KEY,
                applied_at datetime2(3)  NOT NULL
            );
        """);

    /// <summary>A DBA may set NOCOUNT for every session ('user options'): counts that matter are selected, not taken from the driver.</summary>
    public override bool SelectsRowCount => true;

    public override string NowSql => "SYSUTCDATETIME()";

    public override string BeginTransactionSql => "SET XACT_ABORT ON;\nBEGIN TRANSACTION;";

    private static string Literal(string text) => "N'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public override bool HasVersionTable(DbConnection connection) =>
        connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = @Schema AND TABLE_NAME = 'kpi_schema_version'",
            new { Schema }) > 0;

    public override int? UnboundedCommandTimeout => 0;

    public override IDisposable LockMigrations(DbConnection connection)
    {
        var resource = "kpi-ingest migrate " + Schema;

        // @LockTimeout = -1 waits as long as another instance migrates; so must the command (UnboundedCommandTimeout).
        var result = connection.ExecuteScalar<int>(
            """
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1;
            SELECT @result;
            """,
            new { resource },
            commandTimeout: UnboundedCommandTimeout);
        if (result < 0)
        {
            throw new InvalidOperationException($"The store's migration lock could not be taken (sp_getapplock returned {result}).");
        }

        return new Unlock(() => connection.Execute(
            "EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session'", new { resource }));
    }

    public override IReadOnlyList<string> Batches(string script) =>
        [.. GoLine().Split(Resolve(script)).Where(b => !string.IsNullOrWhiteSpace(b))];

    public override string BatchSeparator => "GO";

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    private static Type ClrTypeOf(StoreType type) => type switch
    {
        StoreType.SmallNumber => typeof(int),
        StoreType.Count => typeof(long),
        StoreType.Flag => typeof(bool),
        StoreType.Percentage => typeof(decimal),
        StoreType.Day or StoreType.Utc or StoreType.Local => typeof(DateTime),
        _ => typeof(string),
    };

    /// <summary>A DataTable column of DateTime takes no DateOnly: a date goes as its midnight (the bulk copy writes it to a date column).</summary>
    private object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset instant => EngineDialect.Utc(instant),
        _ => value,
    };
}
