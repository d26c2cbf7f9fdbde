using System.Data.Common;
using KpiIngest.Core.Source;
using Npgsql;
using NpgsqlTypes;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from PostgreSQL through Npgsql, in the schema <c>Source:Schema</c> (default public).
/// Values come back typed (timestamp as DateTime, timestamptz as UTC DateTime, numeric as decimal, boolean as
/// bool); Core's checks read them as they are.
/// </summary>
public sealed class PostgreSqlSourceReader : ISourceReader
{
    public const string DefaultSchema = "public";

    private const string Folder = "PostgreSql.Source";
    private readonly NpgsqlConnection _connection;
    private readonly string _schema;
    private readonly string _quotedSchema;
    private readonly TimeZoneInfo _zone;
    private SourceColumns? _columns;

    public PostgreSqlSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Names the session in pg_stat_activity for the DBA.
            builder.ApplicationName = "kpi-ingest";
        }

        _schema = string.IsNullOrEmpty(schema) ? DefaultSchema : schema;
        _quotedSchema = "\"" + _schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        _zone = zone;
        _connection = new NpgsqlConnection(builder.ConnectionString);
        _connection.Open();
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations() => Columns().Offered();

    public IEnumerable<RawUnit> ReadUnits() => SourceRows.Read(() => Command("ReadUnits"), SourceRows.Unit);

    public IEnumerable<RawProcedure> ReadProcedures() => SourceRows.Read(() => Command("ReadProcedures"), SourceRows.Procedure);

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
    [
        .. SourceRows.Read(() =>
        {
            NpgsqlCommand command;
            if (after is null)
            {
                command = Command("ReadChangedDossiers");
                command.Parameters.Add(UpdatedAt("from", From(from)));
            }
            else
            {
                command = Command("ReadChangedDossiersAfter");
                command.Parameters.Add(UpdatedAt("afterUpdatedAt", after.UpdatedAt));
                command.Parameters.AddWithValue("afterId", after.DossierId);
            }

            command.Parameters.AddWithValue("limit", limit);
            return command;
        }, SourceRows.Dossier),
    ];

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
    [
        .. SourceRows.Read(() =>
        {
            var command = Command("ReadDossiersWithKey");
            command.Parameters.Add(UpdatedAt("updatedAt", key.UpdatedAt));
            command.Parameters.AddWithValue("dossierId", key.DossierId);
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
                    command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = dossierIds.ToArray() });
                    return command;
                }, SourceRows.Dossier),
            ];

    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        SourceRows.Read(() => Command("ReadDossierKeys"), SourceRows.Key);

    public void Dispose() => _connection.Dispose();

    private NpgsqlCommand Command(string script)
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

        // Unquoted names in the reader's SQL fold to lower case, so only exactly lower-case columns will be found.
        var columns = new SourceColumns(StringComparer.Ordinal);
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = SqlScript.Get(Folder, "DescribeRelations");
            command.Parameters.AddWithValue("schema", _schema);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }
        }

        columns.RequireDossierColumnType("updated_at", t => UpdatedAtType(t) is not null, "timestamp, timestamp with time zone or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "text" or "character varying" or "character", "text or varchar");
        return _columns = columns;
    }

    private static NpgsqlDbType? UpdatedAtType(string dataType) => dataType switch
    {
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        _ => null,
    };

    /// <summary>A parameter compared with updated_at, of the column's own type, so the comparison is exact and indexable.</summary>
    private NpgsqlParameter UpdatedAt(string name, object value)
    {
        var type = Columns().TypeOf(QuarantineEntry.Dossiers, "updated_at") is { } dataType ? UpdatedAtType(dataType) : null;
        return type is { } known ? new NpgsqlParameter(name, known) { Value = value } : new NpgsqlParameter(name, value);
    }

    /// <summary>
    /// The watermark <paramref name="from"/> is local wall-clock time of Source:TimeZone. A timestamptz column is
    /// compared with the instant it names (DateTime.MinValue stays -infinity); a date column from the day it falls on.
    /// </summary>
    private DateTime From(DateTime from)
    {
        var dataType = Columns().TypeOf(QuarantineEntry.Dossiers, "updated_at");
        return dataType is null ? from : UpdatedAtType(dataType) switch
        {
            NpgsqlDbType.TimestampTz when from == DateTime.MinValue => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            NpgsqlDbType.TimestampTz => SourceInstants.ToUtc(from, _zone),
            NpgsqlDbType.Date => from.Date,
            _ => from,
        };
    }
}
