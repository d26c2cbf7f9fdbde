using System.Data.Common;
using System.Text.RegularExpressions;
using KpiIngest.Data;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A test database set up exactly as deploy/sql/&lt;engine&gt;/ tells an integrator: the reference iGate-style schema, the
/// contract views over it, and least-privilege.sql's logins. Rows given in contract terms are written into the vendor
/// tables (dm_don_vi, dm_don_vi_thu_tuc, ho_so, ho_so_le_phi); the CLI reads the views as <c>kpi_source</c> (on SQL
/// Server, the test's own login in its place), which may read nothing else. Owns the database.
/// </summary>
public sealed class ReferenceSchemaSource : ISourceDatabase
{
    private readonly TestDatabase _database;

    public ReferenceSchemaSource(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        ConnectionString = database.DisposeOnFailure(() => SetUp(database));
    }

    public DbEngine Provider => Engine.Provider;

    /// <summary>The least-privileged source login's connection string.</summary>
    public string ConnectionString { get; }

    public string? Schema => null;

    public TestDatabase Database => _database;

    private ServerEngine Engine => _database.Engine;

    public void AddUnits(IEnumerable<UnitRow> units) =>
        _database.WriteRows(units, (connection, transaction, unit) => Engine.Execute(connection, transaction,
            "INSERT INTO dm_don_vi (ma_don_vi, ma_don_vi_cha, ten_don_vi, cap, hieu_luc_tu, hieu_luc_den) " +
            "VALUES (@unit_id, @parent_id, @name, @level, @active_from, @active_to)", ContractTablesSource.UnitParameters(unit)));

    public void UpdateUnit(UnitRow unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        SourceChanges.EnsureChanged(Execute(
            "UPDATE dm_don_vi SET ma_don_vi_cha = @parent_id, ten_don_vi = @name, cap = @level, hieu_luc_tu = @active_from, " +
            "hieu_luc_den = @active_to WHERE ma_don_vi = @unit_id", ContractTablesSource.UnitParameters(unit)), "dm_don_vi", unit.UnitId);
    }

    public void AddProcedures(IEnumerable<ProcedureRow> procedures) =>
        _database.WriteRows(procedures, (connection, transaction, procedure) =>
        {
            // The national list holds each procedure once; the first unit to offer it names it.
            Engine.Execute(connection, transaction,
                "INSERT INTO dm_thu_tuc (ma_tthc, ten_tthc) SELECT @procedure_code, @procedure_name " +
                "WHERE NOT EXISTS (SELECT 1 FROM dm_thu_tuc WHERE ma_tthc = @procedure_code)", ProcedureParameters(procedure));
            Engine.Execute(connection, transaction,
                "INSERT INTO dm_don_vi_thu_tuc (ma_don_vi, ma_tthc, muc_do, co_phi, thanh_toan_truc_tuyen, co_ket_qua) " +
                "VALUES (@unit_id, @procedure_code, @online_mode, @has_fee, @online_payment, @requires_result)", ProcedureParameters(procedure));
        });

    public void UpdateProcedure(ProcedureRow procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        SourceChanges.EnsureChanged(Execute(
            "UPDATE dm_don_vi_thu_tuc SET muc_do = @online_mode, co_phi = @has_fee, thanh_toan_truc_tuyen = @online_payment, " +
            "co_ket_qua = @requires_result WHERE ma_don_vi = @unit_id AND ma_tthc = @procedure_code", ProcedureParameters(procedure)),
            "dm_don_vi_thu_tuc", $"{procedure.UnitId}/{procedure.ProcedureCode}");
    }

    public void AddDossiers(IEnumerable<DossierRow> dossiers) =>
        _database.WriteRows(dossiers, (connection, transaction, dossier) =>
        {
            Engine.Execute(connection, transaction,
                "INSERT INTO ho_so (id, ma_ho_so, ma_don_vi, ma_tthc, kenh, trang_thai, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc, " +
                "hinh_thuc_thanh_toan, da_so_hoa, co_ket_qua_dien_tu, tai_su_dung, ngay_cap_nhat) VALUES (@dossier_id, @dossier_code, " +
                "@unit_id, @procedure_code, @channel, @status, @received_at, @due_at, @resolved_at, @paid_online, @digitized, @e_result, " +
                "@reused_data, @updated_at)", DossierParameters(dossier));
            WriteFee(connection, transaction, dossier);
        });

    public void UpdateDossier(DossierRow dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        _database.WriteRows([dossier], (connection, transaction, row) =>
        {
            SourceChanges.EnsureChanged(Engine.Execute(connection, transaction,
                "UPDATE ho_so SET ma_ho_so = @dossier_code, ma_don_vi = @unit_id, ma_tthc = @procedure_code, kenh = @channel, " +
                "trang_thai = @status, ngay_tiep_nhan = @received_at, ngay_hen_tra = @due_at, ngay_ket_thuc = @resolved_at, " +
                "hinh_thuc_thanh_toan = @paid_online, da_so_hoa = @digitized, co_ket_qua_dien_tu = @e_result, " +
                "tai_su_dung = @reused_data, ngay_cap_nhat = @updated_at WHERE id = @dossier_id", DossierParameters(row)), "ho_so", row.DossierId);
            Engine.Execute(connection, transaction, "DELETE FROM ho_so_le_phi WHERE ho_so_id = @id", [("@id", row.DossierId)]);
            WriteFee(connection, transaction, row);
        });
    }

    public void DeleteDossier(string dossierId) =>
        _database.WriteRows([dossierId], (connection, transaction, id) =>
        {
            Engine.Execute(connection, transaction, "DELETE FROM ho_so_le_phi WHERE ho_so_id = @id", [("@id", id)]);
            SourceChanges.EnsureChanged(
                Engine.Execute(connection, transaction, "DELETE FROM ho_so WHERE id = @id", [("@id", id)]), "ho_so", id);
        });

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = _database.OpenAdmin();
        return Engine.Execute(connection, null, sql, parameters);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Runs deploy/sql's three scripts as an integrator would; returns the source login's connection string.</summary>
    private static string SetUp(TestDatabase database)
    {
        var folder = database.Engine.Provider.ScriptFolder();
        database.ExecuteScript(RepositoryFiles.Read("deploy", "sql", folder, "reference-schema.sql"));
        database.ExecuteScript(RepositoryFiles.Read("deploy", "sql", folder, "contract-views.sql"));

        var login = DeployLoginScripts.Run(database, "least-privilege.sql", "source");
        return database.Server.ConnectionString(database.Name, login.Name, login.Password);
    }

    private static (string, object?)[] ProcedureParameters(ProcedureRow procedure) =>
    [
        ("@unit_id", procedure.UnitId), ("@procedure_code", procedure.ProcedureCode),
        ("@procedure_name", procedure.ProcedureName ?? $"Thủ tục {procedure.ProcedureCode}"),
        ("@online_mode", procedure.OnlineMode), ("@has_fee", Flag(procedure.HasFee)),
        ("@online_payment", Flag(procedure.OnlinePayment)), ("@requires_result", Flag(procedure.RequiresResult)),
    ];

    /// <summary>The reference schema keeps flags as boolean / bit: a test row with another value cannot be stored there.</summary>
    private static bool Flag(int value) =>
        value is 0 or 1 ? value == 1 : throw new InvalidOperationException($"Test setup: the reference schema holds flags as booleans, not {value}.");

    private static readonly string[] PlainDossierColumns =
        ["dossier_id", "dossier_code", "unit_id", "procedure_code", "channel", "status", "paid_online"];

    private (string, object?)[] DossierParameters(DossierRow dossier)
    {
        var values = DossierColumns.Values(dossier);
        return
        [
            .. PlainDossierColumns.Select(c => ("@" + c, values[c])),
            .. DossierColumns.Timestamps.Select(c => ("@" + c, Engine.Timestamp((string?)values[c], TimestampColumns.LocalTime))),
            ("@digitized", Flag(dossier.Digitized)), ("@e_result", Flag(dossier.EResult)), ("@reused_data", Flag(dossier.ReusedData)),
        ];
    }

    /// <summary>src_dossier.fee_amount is the sum of the fee lines: one line of the whole amount, none for null.</summary>
    private void WriteFee(DbConnection connection, DbTransaction transaction, DossierRow dossier)
    {
        if (dossier.FeeAmount is { } fee)
        {
            Engine.Execute(connection, transaction,
                "INSERT INTO ho_so_le_phi (ho_so_id, stt, ten_phi, so_tien) VALUES (@id, 1, @name, @amount)",
                [("@id", dossier.DossierId), ("@name", "Lệ phí"), ("@amount", fee)]);
        }
    }
}
