using System.Globalization;
using System.Text;
using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A SQLite file holding the three contract relations as plain tables, with the SQLite column types of the contract
/// (times as ISO text exactly as given), shaped by a <see cref="SourceShape"/>.
/// </summary>
public sealed class SqliteSource : ISourceDatabase
{
    /// <summary>Every contract column of src_dossier, in contract order, with its SQLite type.</summary>
    private static readonly (string Name, string Type)[] DossierColumnTypes =
    [
        ("dossier_id", "TEXT NOT NULL"),
        ("dossier_code", "TEXT NOT NULL"),
        ("unit_id", "TEXT NOT NULL"),
        ("procedure_code", "TEXT NOT NULL"),
        ("channel", "INTEGER NOT NULL"),
        ("status", "INTEGER NOT NULL"),
        ("received_at", "TEXT NULL"),
        ("due_at", "TEXT NULL"),
        ("resolved_at", "TEXT NULL"),
        ("fee_amount", "NUMERIC NULL"),
        ("paid_online", "INTEGER NOT NULL"),
        ("digitized", "INTEGER NOT NULL"),
        ("e_result", "INTEGER NOT NULL"),
        ("reused_data", "INTEGER NOT NULL"),
        ("updated_at", "TEXT NOT NULL"),
    ];

    private readonly SourceShape _shape;

    public SqliteSource(string path, SourceShape? shape = null)
    {
        Path = path;
        _shape = shape ?? SourceShape.Contract;
        Create();
    }

    public string Path { get; }

    public DbEngine Provider => DbEngine.Sqlite;

    public string ConnectionString => $"Data Source={Path}";

    public string? Schema => null;

    public void AddUnits(IEnumerable<UnitRow> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var unit in units)
        {
            Execute(connection, transaction,
                "INSERT INTO src_unit (unit_id, parent_id, name, level, active_from, active_to) " +
                "VALUES ($unit_id, $parent_id, $name, $level, $active_from, $active_to)",
                UnitParameters(unit));
        }

        transaction.Commit();
    }

    public void UpdateUnit(UnitRow unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var connection = Open();
        var changed = Execute(connection, null,
            "UPDATE src_unit SET parent_id = $parent_id, name = $name, level = $level, active_from = $active_from, " +
            "active_to = $active_to WHERE unit_id = $unit_id",
            UnitParameters(unit));
        SourceChanges.EnsureChanged(changed, "src_unit", unit.UnitId);
    }

    public void AddProcedures(IEnumerable<ProcedureRow> procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var procedure in procedures)
        {
            Execute(connection, transaction,
                "INSERT INTO src_procedure (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, " +
                "requires_result) VALUES ($unit_id, $procedure_code, $procedure_name, $online_mode, $has_fee, " +
                "$online_payment, $requires_result)",
                ProcedureParameters(procedure));
        }

        transaction.Commit();
    }

    public void UpdateProcedure(ProcedureRow procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        using var connection = Open();
        var changed = Execute(connection, null,
            "UPDATE src_procedure SET procedure_name = $procedure_name, online_mode = $online_mode, has_fee = $has_fee, " +
            "online_payment = $online_payment, requires_result = $requires_result " +
            "WHERE unit_id = $unit_id AND procedure_code = $procedure_code",
            ProcedureParameters(procedure));
        SourceChanges.EnsureChanged(changed, "src_procedure", $"{procedure.UnitId}/{procedure.ProcedureCode}");
    }

    public void AddDossiers(IEnumerable<DossierRow> dossiers)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var columns = PresentDossierColumns();
        var sql = $"INSERT INTO src_dossier ({string.Join(", ", columns)}) " +
                  $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var dossier in dossiers)
        {
            Execute(connection, transaction, sql, DossierParameters(dossier, columns));
        }

        transaction.Commit();
    }

    public void UpdateDossier(DossierRow dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var columns = PresentDossierColumns().Where(c => c != "dossier_id").ToList();
        var sql = $"UPDATE src_dossier SET {string.Join(", ", columns.Select(c => $"{c} = ${c}"))} " +
                  "WHERE dossier_id = $dossier_id";
        using var connection = Open();
        var changed = Execute(connection, null, sql, DossierParameters(dossier, [.. columns, "dossier_id"]));
        SourceChanges.EnsureChanged(changed, "src_dossier", dossier.DossierId);
    }

    public void DeleteDossier(string dossierId)
    {
        using var connection = Open();
        var changed = Execute(connection, null, "DELETE FROM src_dossier WHERE dossier_id = $id", [("$id", dossierId)]);
        SourceChanges.EnsureChanged(changed, "src_dossier", dossierId);
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        return Execute(connection, null, sql, parameters);
    }

    /// <summary>The file lives in the workspace's folder, which the workspace deletes.</summary>
    public void Dispose()
    {
    }

    private static (string, object?)[] UnitParameters(UnitRow unit) =>
    [
        ("$unit_id", unit.UnitId), ("$parent_id", unit.ParentId), ("$name", unit.Name), ("$level", unit.Level),
        ("$active_from", unit.ActiveFrom), ("$active_to", unit.ActiveTo),
    ];

    private static (string, object?)[] ProcedureParameters(ProcedureRow procedure) =>
    [
        ("$unit_id", procedure.UnitId), ("$procedure_code", procedure.ProcedureCode),
        ("$procedure_name", procedure.ProcedureName ?? $"Thủ tục {procedure.ProcedureCode}"),
        ("$online_mode", procedure.OnlineMode), ("$has_fee", procedure.HasFee),
        ("$online_payment", procedure.OnlinePayment), ("$requires_result", procedure.RequiresResult),
    ];

    private static (string, object?)[] DossierParameters(DossierRow d, IReadOnlyCollection<string> columns)
    {
        var all = DossierColumns.Values(d);

        // Invariant text, so NUMERIC affinity stores it as an exact INTEGER or REAL, the way a view would show it.
        return columns.Select(c => ("$" + c, c == "fee_amount" ? d.FeeAmount?.ToString(CultureInfo.InvariantCulture) : all[c])).ToArray();
    }

    private static int Execute(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private List<string> PresentDossierColumns() =>
        DossierColumnTypes.Select(c => c.Name).Where(c => !_shape.MissingDossierColumns.Contains(c)).ToList();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Create()
    {
        var ddl = new StringBuilder();
        if (!_shape.MissingRelations.Contains("src_unit"))
        {
            ddl.AppendLine(
                """
                CREATE TABLE src_unit (
                    unit_id     TEXT    NOT NULL PRIMARY KEY,
                    parent_id   TEXT    NULL,
                    name        TEXT    NOT NULL,
                    level       INTEGER NOT NULL,
                    active_from TEXT    NULL,
                    active_to   TEXT    NULL);
                """);
        }

        if (!_shape.MissingRelations.Contains("src_procedure"))
        {
            ddl.AppendLine(
                """
                CREATE TABLE src_procedure (
                    unit_id         TEXT    NOT NULL,
                    procedure_code  TEXT    NOT NULL,
                    procedure_name  TEXT    NOT NULL,
                    online_mode     INTEGER NOT NULL,
                    has_fee         INTEGER NOT NULL,
                    online_payment  INTEGER NOT NULL,
                    requires_result INTEGER NOT NULL,
                    PRIMARY KEY (unit_id, procedure_code));
                """);
        }

        if (!_shape.MissingRelations.Contains("src_dossier"))
        {
            var columns = DossierColumnTypes
                .Where(c => !_shape.MissingDossierColumns.Contains(c.Name))
                .Select(c => c.Name == "dossier_id" && _shape.DossierIdIsPrimaryKey
                    ? $"    {c.Name} {c.Type} PRIMARY KEY"
                    : $"    {c.Name} {c.Type}");
            ddl.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE src_dossier (\n{string.Join(",\n", columns)});");
            if (!_shape.MissingDossierColumns.Contains("updated_at"))
            {
                ddl.AppendLine("CREATE INDEX ix_src_dossier_updated_at ON src_dossier (updated_at);");
            }
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = ddl.ToString();
        command.ExecuteNonQuery();
    }
}

/// <summary>Test setup that changes nothing is a broken test, not a quiet no-op.</summary>
public static class SourceChanges
{
    public static void EnsureChanged(int rows, string relation, string key)
    {
        if (rows == 0)
        {
            throw new InvalidOperationException($"Test setup: no row of {relation} has the key {key}.");
        }
    }
}
