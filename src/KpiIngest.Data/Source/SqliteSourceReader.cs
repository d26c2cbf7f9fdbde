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

    public IEnumerable<RawUnit> ReadUnits() => SourceRows.Read(() => Command("ReadUnits", null), SourceRows.Unit);

    public IEnumerable<RawProcedure> ReadProcedures() => SourceRows.Read(() => Command("ReadProcedures", null), SourceRows.Procedure);

    public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
        [.. SourceRows.Read(() => Command("ReadChangedDossiers", command =>
        {
            command.Parameters.AddWithValue("@afterUpdatedAt", after?.UpdatedAt ?? StoreFormat.Local(from));
            command.Parameters.AddWithValue("@afterId", after?.DossierId ?? "");
            command.Parameters.AddWithValue("@first", after is null ? 1 : 0);
            command.Parameters.AddWithValue("@limit", limit);
        }), SourceRows.Dossier)];

    public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) =>
        [.. SourceRows.Read(() => Command("ReadDossiersWithKey", command =>
        {
            command.Parameters.AddWithValue("@updatedAt", key.UpdatedAt);
            command.Parameters.AddWithValue("@dossierId", key.DossierId);
        }), SourceRows.Dossier)];

    public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) =>
        dossierIds.Count == 0
            ? []
            : [.. SourceRows.Read(() => Command("ReadDossiersByIds",
                command => command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(dossierIds))), SourceRows.Dossier)];

    public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() =>
        SourceRows.Read(() => Command("ReadDossierKeys", null), SourceRows.Key);

    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string script, Action<SqliteCommand>? bind)
    {
        var command = _connection.CreateCommand();
        command.CommandText = SqlScript.Get(Folder, script);
        bind?.Invoke(command);
        return command;
    }
}
