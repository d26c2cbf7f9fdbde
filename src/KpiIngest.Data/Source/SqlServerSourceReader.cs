using System.Data;
using System.Text.Json;
using KpiIngest.Core.Source;
using Microsoft.Data.SqlClient;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from SQL Server (2016 or later, database compatibility level 130 or more) through
/// Microsoft.Data.SqlClient, in the schema <c>Source:Schema</c> (default dbo). Values come back typed
/// (datetime/datetime2 as DateTime, datetimeoffset as DateTimeOffset, decimal, int, bit as bool).
/// </summary>
public sealed class SqlServerSourceReader : ISourceReader
{
    public const string DefaultSchema = "dbo";

    /// <summary>OPENJSON, used to read dossiers by key, exists from this compatibility level on (SQL Server 2016).</summary>
    public const int MinCompatibilityLevel = 130;

    private const string Folder = "SqlServer.Source";
    private readonly SqlConnection _connection;
    private readonly string _schema;
    private readonly string _quotedSchema;
    private readonly TimeZoneInfo _zone;
    private SourceColumns? _columns;

    public SqlServerSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (!builder.ShouldSerialize("Application Name"))
        {
            // Names the session in sys.dm_exec_sessions for the DBA.
            builder.ApplicationName = "kpi-ingest";
        }

        _schema = string.IsNullOrEmpty(schema) ? DefaultSchema : schema;
        _quotedSchema = "[" + _schema.Replace("]", "]]", StringComparison.Ordinal) + "]";
        _zone = zone;
        _connection = new SqlConnection(builder.ConnectionString);
        _connection.Open();
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations() => Columns().Offered();

    public IEnumerable<RawUnit> ReadUnits() => SourceRows.Read(() => Command("ReadUnits"), SourceRows.Unit);

    public IEnumerable<RawProcedure> ReadProcedures() => SourceRows.Read(() => Command("ReadProcedures"), SourceRows.Procedure);

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
    [
        .. SourceRows.Read(() =>
        {
            SqlCommand command;
            if (after is null)
            {
                command = Command("ReadChangedDossiers");
                command.Parameters.Add(UpdatedAt("@from", From(from)));
            }
            else
            {
                command = Command("ReadChangedDossiersAfter");
                command.Parameters.Add(UpdatedAt("@afterUpdatedAt", after.UpdatedAt));
                command.Parameters.Add(Key("@afterId", after.DossierId));
            }

            command.Parameters.Add(new SqlParameter("@limit", SqlDbType.Int) { Value = limit });
            return command;
        }, SourceRows.Dossier),
    ];

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
    [
        .. SourceRows.Read(() =>
        {
            var command = Command("ReadDossiersWithKey");
            command.Parameters.Add(UpdatedAt("@updatedAt", key.UpdatedAt));
            command.Parameters.Add(Key("@dossierId", key.DossierId));
            return command;
        }, SourceRows.Dossier),
    ];

    public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        dossierIds.Count == 0
            ? []
            :
            [
                .. SourceRows.Read(() =>
                {
                    var command = Command("ReadDossiersByIds");
                    command.Parameters.Add(new SqlParameter("@ids", SqlDbType.NVarChar, -1) { Value = JsonSerializer.Serialize(dossierIds) });
                    return command;
                }, SourceRows.Dossier),
            ];

    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        SourceRows.Read(() => Command("ReadDossierKeys"), SourceRows.Key);

    public void Dispose() => _connection.Dispose();

    private SqlCommand Command(string script)
    {
        var command = _connection.CreateCommand();
        command.CommandText = SqlScript.Get(Folder, script, _quotedSchema);
        return command;
    }

    private SourceColumns Columns()
    {
        if (_columns is not null)
        {
            return _columns;
        }

        // Column names resolve through the database's collation, case-insensitive on almost every server.
        var columns = new SourceColumns(StringComparer.OrdinalIgnoreCase);
        int? compatibilityLevel;
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = SqlScript.Get(Folder, "DescribeRelations");
            command.Parameters.Add(new SqlParameter("@schema", SqlDbType.NVarChar, 128) { Value = _schema });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }

            compatibilityLevel = reader.NextResult() && reader.Read() ? Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        if (compatibilityLevel < MinCompatibilityLevel)
        {
            throw new SourceContractException(
                $"The source database runs at compatibility level {compatibilityLevel}; KpiIngest reads dossiers by key with OPENJSON, " +
                $"which needs {MinCompatibilityLevel} (SQL Server 2016) or later: raise the level, or create the contract views in a database that has it.");
        }

        columns.RequireDossierColumnType("updated_at", t => UpdatedAtType(t) is not null,
            "datetime2, datetime, smalldatetime, datetimeoffset or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "nvarchar" or "varchar" or "nchar" or "char", "nvarchar or varchar");
        return _columns = columns;
    }

    private static SqlDbType? UpdatedAtType(string dataType) => dataType.ToLowerInvariant() switch
    {
        "datetime2" => SqlDbType.DateTime2,
        "datetime" => SqlDbType.DateTime,
        "smalldatetime" => SqlDbType.SmallDateTime,
        "datetimeoffset" => SqlDbType.DateTimeOffset,
        "date" => SqlDbType.Date,
        _ => null,
    };

    private SqlDbType UpdatedAtType() =>
        Columns().TypeOf(QuarantineEntry.Dossiers, "updated_at") is { } dataType && UpdatedAtType(dataType) is { } type
            ? type
            : SqlDbType.DateTime2;

    /// <summary>
    /// A parameter compared with updated_at, of the column's own SQL type. A datetime2 parameter against a datetime
    /// column would convert the column (no seek), and under compatibility level 130 a datetime such as .003 s
    /// becomes .0033333 s, which no DateTime parameter equals: the page-completing read would find nothing.
    /// </summary>
    private SqlParameter UpdatedAt(string name, object value) => new(name, UpdatedAtType()) { Value = value };

    /// <summary>
    /// The watermark <paramref name="from"/>, local wall-clock time of Source:TimeZone, as a value of the column's
    /// type: never later than <paramref name="from"/> (rounding down; re-reading a row is harmless, skipping one is
    /// not), within the type's range, and for datetimeoffset the instant it names.
    /// </summary>
    private object From(DateTime from) => UpdatedAtType() switch
    {
        SqlDbType.DateTime => Max(WholeSeconds(from), new DateTime(1753, 1, 1)),
        SqlDbType.SmallDateTime => Max(new DateTime(from.Ticks - (from.Ticks % TimeSpan.TicksPerMinute)), new DateTime(1900, 1, 1)),
        SqlDbType.Date => from.Date,
        SqlDbType.DateTimeOffset => SourceInstants.ToOffset(from, _zone),
        _ => from,
    };

    private static DateTime WholeSeconds(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond));

    private static DateTime Max(DateTime value, DateTime floor) => value < floor ? floor : value;

    /// <summary>Keys are sent as nvarchar (see ReadDossiersByIds.sql), sized so the plan is reused and nothing is cut.</summary>
    private static SqlParameter Key(string name, object value) =>
        value is string text
            ? new SqlParameter(name, SqlDbType.NVarChar, text.Length <= 4000 ? 4000 : -1) { Value = text }
            : new SqlParameter(name, value);
}
