using System.Data.Common;
using System.Globalization;
using System.Text;
using KpiIngest.Data;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The three contract relations as plain tables in a test database on a server (PostgreSQL, SQL Server), in the
/// engine's own types: integers, numeric fees, dates, and datetimes as <see cref="TimestampColumns"/> says. Rows given
/// as contract text are converted on the way in. Owns the database.
/// </summary>
public sealed class ContractTablesSource : ISourceDatabase
{
    private readonly TestDatabase _database;
    private readonly TimestampColumns _timestamps;
    private readonly SourceShape _shape;

    public ContractTablesSource(TestDatabase database, TimestampColumns timestamps, SourceShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _timestamps = timestamps;
        _shape = shape ?? SourceShape.Contract;
        database.DisposeOnFailure(() => database.ExecuteScript(Ddl()));
    }

    public DbEngine Provider => _database.Engine.Provider;

    public string ConnectionString => _database.AdminConnectionString;

    public string? Schema => null;

    private ServerEngine Engine => _database.Engine;

    public void AddUnits(IEnumerable<UnitRow> units) =>
        _database.WriteRows(units, (connection, transaction, unit) => Engine.Execute(connection, transaction,
            "INSERT INTO src_unit (unit_id, parent_id, name, level, active_from, active_to) " +
            "VALUES (@unit_id, @parent_id, @name, @level, @active_from, @active_to)", UnitParameters(unit)));

    public void UpdateUnit(UnitRow unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        SourceChanges.EnsureChanged(Execute(
            "UPDATE src_unit SET parent_id = @parent_id, name = @name, level = @level, active_from = @active_from, " +
            "active_to = @active_to WHERE unit_id = @unit_id", UnitParameters(unit)), "src_unit", unit.UnitId);
    }

    public void AddProcedures(IEnumerable<ProcedureRow> procedures) =>
        _database.WriteRows(procedures, (connection, transaction, procedure) => Engine.Execute(connection, transaction,
            "INSERT INTO src_procedure (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result) " +
            "VALUES (@unit_id, @procedure_code, @procedure_name, @online_mode, @has_fee, @online_payment, @requires_result)",
            ProcedureParameters(procedure)));

    public void UpdateProcedure(ProcedureRow procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        SourceChanges.EnsureChanged(Execute(
            "UPDATE src_procedure SET procedure_name = @procedure_name, online_mode = @online_mode, has_fee = @has_fee, " +
            "online_payment = @online_payment, requires_result = @requires_result " +
            "WHERE unit_id = @unit_id AND procedure_code = @procedure_code", ProcedureParameters(procedure)),
            "src_procedure", $"{procedure.UnitId}/{procedure.ProcedureCode}");
    }

    public void AddDossiers(IEnumerable<DossierRow> dossiers)
    {
        var columns = PresentDossierColumns();
        var sql = $"INSERT INTO src_dossier ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        _database.WriteRows(dossiers, (connection, transaction, dossier) =>
            Engine.Execute(connection, transaction, sql, DossierParameters(dossier, columns)));
    }

    public void UpdateDossier(DossierRow dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var columns = PresentDossierColumns().Where(c => c != "dossier_id").ToList();
        var sql = $"UPDATE src_dossier SET {string.Join(", ", columns.Select(c => $"{c} = @{c}"))} WHERE dossier_id = @dossier_id";
        SourceChanges.EnsureChanged(Execute(sql, DossierParameters(dossier, [.. columns, "dossier_id"])), "src_dossier", dossier.DossierId);
    }

    public void DeleteDossier(string dossierId) =>
        SourceChanges.EnsureChanged(Execute("DELETE FROM src_dossier WHERE dossier_id = @id", ("@id", dossierId)), "src_dossier", dossierId);

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = _database.OpenAdmin();
        return Engine.Execute(connection, null, sql, parameters);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>A src_unit row as named parameters, dates as dates.</summary>
    internal static (string, object?)[] UnitParameters(UnitRow unit) =>
    [
        ("@unit_id", unit.UnitId), ("@parent_id", unit.ParentId), ("@name", unit.Name), ("@level", unit.Level),
        ("@active_from", ServerEngine.Date(unit.ActiveFrom)), ("@active_to", ServerEngine.Date(unit.ActiveTo)),
    ];

    private static (string, object?)[] ProcedureParameters(ProcedureRow procedure) =>
    [
        ("@unit_id", procedure.UnitId), ("@procedure_code", procedure.ProcedureCode),
        ("@procedure_name", procedure.ProcedureName ?? $"Thủ tục {procedure.ProcedureCode}"),
        ("@online_mode", procedure.OnlineMode), ("@has_fee", procedure.HasFee),
        ("@online_payment", procedure.OnlinePayment), ("@requires_result", procedure.RequiresResult),
    ];

    private (string, object?)[] DossierParameters(DossierRow dossier, IReadOnlyCollection<string> columns)
    {
        var values = DossierColumns.Values(dossier);
        return columns
            .Select(c => ("@" + c, DossierColumns.Timestamps.Contains(c) ? Engine.Timestamp((string?)values[c], _timestamps) : values[c]))
            .ToArray();
    }

    private List<string> PresentDossierColumns() =>
        DossierColumns.All.Where(c => !_shape.MissingDossierColumns.Contains(c)).ToList();

    private string Ddl()
    {
        string key = Engine.KeyType, text = Engine.TextType, timestamp = Engine.TimestampType(_timestamps);
        var ddl = new StringBuilder();
        if (!_shape.MissingRelations.Contains("src_unit"))
        {
            ddl.AppendLine(
                CultureInfo.InvariantCulture,
                $"""
                CREATE TABLE src_unit (
                    unit_id     {key}  NOT NULL PRIMARY KEY,
                    parent_id   {key}  NULL,
                    name        {text} NOT NULL,
                    level       int    NOT NULL,
                    active_from date   NULL,
                    active_to   date   NULL);
                """);
        }

        if (!_shape.MissingRelations.Contains("src_procedure"))
        {
            ddl.AppendLine(
                CultureInfo.InvariantCulture,
                $"""
                CREATE TABLE src_procedure (
                    unit_id         {key}  NOT NULL,
                    procedure_code  {key}  NOT NULL,
                    procedure_name  {text} NOT NULL,
                    online_mode     int    NOT NULL,
                    has_fee         int    NOT NULL,
                    online_payment  int    NOT NULL,
                    requires_result int    NOT NULL,
                    PRIMARY KEY (unit_id, procedure_code));
                """);
        }

        if (!_shape.MissingRelations.Contains("src_dossier"))
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dossier_id"] = $"{key} NOT NULL" + (_shape.DossierIdIsPrimaryKey ? " PRIMARY KEY" : ""),
                ["dossier_code"] = $"{key} NOT NULL",
                ["unit_id"] = $"{key} NOT NULL",
                ["procedure_code"] = $"{key} NOT NULL",
                ["channel"] = "int NOT NULL",
                ["status"] = "int NOT NULL",
                ["received_at"] = $"{timestamp} NULL",
                ["due_at"] = $"{timestamp} NULL",
                ["resolved_at"] = $"{timestamp} NULL",
                ["fee_amount"] = "decimal(18, 2) NULL",
                ["paid_online"] = "int NOT NULL",
                ["digitized"] = "int NOT NULL",
                ["e_result"] = "int NOT NULL",
                ["reused_data"] = "int NOT NULL",
                ["updated_at"] = $"{timestamp} NOT NULL",
            };
            ddl.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE src_dossier ({string.Join(", ", PresentDossierColumns().Select(c => $"{c} {types[c]}"))});");
            if (!_shape.MissingDossierColumns.Contains("updated_at"))
            {
                ddl.AppendLine("CREATE INDEX ix_src_dossier_updated_at ON src_dossier (updated_at, dossier_id);");
            }
        }

        return ddl.ToString();
    }
}
