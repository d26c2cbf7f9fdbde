using System.Data.Common;
using System.Text.Json;
using KpiIngest.Core.Source;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Source;

/// <summary>The contract read from a SQLite source file, opened read-only.</summary>
public sealed class SqliteSourceReader : ISourceReader
{
    private const string Folder = "Sqlite.Source";
    private readonly SqliteConnection _connection;

    public SqliteSourceReader(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            // The contract needs SELECT only; read-only also refuses to create an empty file for a mistyped path.
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        _connection = new SqliteConnection(builder.ConnectionString);
        _connection.Open();
        using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
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

    public IEnumerable<RawUnit> ReadUnits() =>
        Read(SqlScript.Get(Folder, "ReadUnits"), null, r => new RawUnit(V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5)));

    public IEnumerable<RawProcedure> ReadProcedures() =>
        Read(SqlScript.Get(Folder, "ReadProcedures"), null,
            r => new RawProcedure(V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5), V(r, 6)));

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
        [.. Read(SqlScript.Get(Folder, "ReadChangedDossiers"), command =>
        {
            command.Parameters.AddWithValue("@afterUpdatedAt", after?.UpdatedAt ?? StoreFormat.Local(from));
            command.Parameters.AddWithValue("@afterId", after?.DossierId ?? "");
            command.Parameters.AddWithValue("@first", after is null ? 1 : 0);
            command.Parameters.AddWithValue("@limit", limit);
        }, ReadDossier)];

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
        [.. Read(SqlScript.Get(Folder, "ReadDossiersWithKey"), command =>
        {
            command.Parameters.AddWithValue("@updatedAt", key.UpdatedAt);
            command.Parameters.AddWithValue("@dossierId", key.DossierId);
        }, ReadDossier)];

    public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        dossierIds.Count == 0
            ? []
            : [.. Read(SqlScript.Get(Folder, "ReadDossiersByIds"),
                command => command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(dossierIds)), ReadDossier)];

    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        Read(SqlScript.Get(Folder, "ReadDossierKeys"), null, r => (Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, V(r, 1)));

    public void Dispose() => _connection.Dispose();

    private static RawDossier ReadDossier(DbDataReader r) => new(
        V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5), V(r, 6), V(r, 7),
        V(r, 8), V(r, 9), V(r, 10), V(r, 11), V(r, 12), V(r, 13), V(r, 14));

    private static object? V(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);

    private IEnumerable<T> Read<T>(string sql, Action<SqliteCommand>? bind, Func<DbDataReader, T> map)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }
}
