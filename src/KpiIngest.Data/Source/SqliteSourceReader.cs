using System.Data.Common;
using KpiIngest.Core.Source;
using KpiIngest.Data.Dialects;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Source;

/// <summary>The contract read from a SQLite source file, opened read-only.</summary>
public sealed class SqliteSourceReader : ISourceReader
{
    private static readonly EngineDialect Dialect = EngineDialect.Sqlite;

    private readonly SqliteConnection _connection;
    private OptionalColumns? _optional;

    public SqliteSourceReader(string connectionString)
    {
        _connection = EngineConnections.OpenSqliteSource(connectionString);
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations()
    {
        var result = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        foreach (var relation in SourceContract.Relations.Keys)
        {
            using var command = _connection.CreateCommand();

            // The relation name is one of the contract's constants, never configuration or source text.
            command.CommandText = $"SELECT name FROM pragma_table_info('{relation}')";
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            result[relation] = columns.Count == 0 ? null : columns;
        }

        return result;
    }

    public OptionalColumns PresentOptionalColumns() => _optional ??= SourceContract.OptionalPresent(DescribeRelations());

    public IEnumerable<RawUnit> ReadUnits() => SourceRows.Read(() => Command("ReadUnits"), SourceRows.Unit);

    public IEnumerable<RawProcedure> ReadProcedures() => SourceRows.Read(() => Command("ReadProcedures"), SourceRows.Procedure);

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit)
    {
        // Sized for a full page, the usual case, rather than grown by doubling to it.
        var page = new List<RawDossier>(limit);
        page.AddRange(SourceRows.Read(() => Command("ReadChangedDossiers",
            Dialect.Parameter("@afterUpdatedAt", after?.UpdatedAt ?? Dialect.Local(from)),
            Dialect.Parameter("@afterId", after?.DossierId ?? ""),
            Dialect.Parameter("@first", after is null ? 1 : 0),
            Dialect.Parameter("@limit", limit)), Dossier));
        return page;
    }

    /// <summary>A statement reads one snapshot of the file: its read transaction lasts until the statement ends.</summary>
    public bool ScansOneSnapshot => true;

    public IEnumerable<RawDossier> ReadAllDossiers() => SourceRows.Read(() => Command("ReadAllDossiers"), Dossier);

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
        [.. SourceRows.Read(() => Command("ReadDossiersWithKey",
            Dialect.Parameter("@updatedAt", key.UpdatedAt), Dialect.Parameter("@dossierId", key.DossierId)), Dossier)];

    public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        dossierIds.Count == 0
            ? []
            : [.. SourceRows.Read(() => Command("ReadDossiersByIds", Dialect.KeyListParameter("@ids", dossierIds)), Dossier)];

    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        SourceRows.Read(() => Command("ReadDossierKeys"), SourceRows.Key);

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// A src_dossier row exactly as <see cref="SourceRows.Dossier"/> hands it over (null, long, double, string or
    /// byte[], what SqliteDataReader.GetValue returns for each storage class, so a hostile value reaches the checks
    /// unchanged), read with two native calls a column (<see cref="SqliteNative"/>). IsDBNull and GetValue make five or
    /// six, and at nineteen columns a dossier they were more than half of the initial ingest's read time.
    /// </summary>
    private static RawDossier Dossier(DbDataReader reader)
    {
        var row = ((SqliteDataReader)reader).Handle!.DangerousGetHandle();
        return new RawDossier(
            V(row, 0), V(row, 1), V(row, 2), V(row, 3), V(row, 4), V(row, 5), V(row, 6), V(row, 7),
            V(row, 8), V(row, 9), V(row, 10), V(row, 11), V(row, 12), V(row, 13), V(row, 14),
            V(row, 15), V(row, 16), V(row, 17), V(row, 18));
    }

    private static object? V(IntPtr row, int ordinal) => SqliteNative.Value(row, ordinal);

    private SqliteCommand Command(string script, params DbParameter[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = SourceRows.WithOptionalColumns(
            Dialect.Statement(EmbeddedSql.SourceArea, script, schemaPrefix: ""), PresentOptionalColumns());
        command.Parameters.AddRange(parameters);
        return command;
    }
}
