using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Demo;

/// <summary>
/// Inserts dossiers through two statements prepared once and bound by position (<see cref="SqliteRowStatement"/>):
/// at millions of rows, SqliteCommand's per-execution work cost about twice what SQLite itself does. Runs inside
/// whatever transaction the connection has open.
/// </summary>
internal sealed class DossierWriter : IDisposable
{
    private const string InsertDossier = """
        INSERT INTO ho_so (id, ma_ho_so, ma_don_vi, ma_tthc, kenh, trang_thai, ngay_tiep_nhan, ngay_hen_tra,
                           ngay_ket_thuc, hinh_thuc_thanh_toan, da_so_hoa, co_ket_qua_dien_tu, tai_su_dung, ngay_cap_nhat,
                           dong_bo_dvcqg, co_phan_anh, tu_kho_ca_nhan, dung_du_lieu_dan_cu)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
        """;

    private const string InsertFeeLine = "INSERT INTO ho_so_le_phi (ho_so_id, stt, ten_phi, so_tien) VALUES (?1, ?2, ?3, ?4)";

    private readonly SqliteRowStatement _dossier;
    private readonly SqliteRowStatement _feeLine;

    public DossierWriter(SqliteConnection connection)
    {
        _dossier = new SqliteRowStatement(connection, InsertDossier);
        try
        {
            _feeLine = new SqliteRowStatement(connection, InsertFeeLine);
        }
        catch
        {
            _dossier.Dispose();
            throw;
        }
    }

    public int FeeLines { get; private set; }

    public void Insert(HoSoRow row)
    {
        _dossier.Bind(1, row.Id);
        _dossier.Bind(2, row.Code);
        _dossier.Bind(3, row.UnitId);
        _dossier.Bind(4, row.ProcedureCode);
        _dossier.Bind(5, row.Channel);
        _dossier.Bind(6, row.Status);
        BindDateTime(_dossier, 7, row.ReceivedAt);
        BindDateTime(_dossier, 8, row.DueAt);
        BindDateTime(_dossier, 9, row.ResolvedAt);
        _dossier.Bind(10, row.PaidOnline);
        _dossier.Bind(11, row.Digitized ? 1 : 0);
        _dossier.Bind(12, row.EResult ? 1 : 0);
        _dossier.Bind(13, row.Reused ? 1 : 0);
        BindDateTime(_dossier, 14, row.UpdatedAt);
        var scorecard = ScorecardFlags.Of(row.Id, row.Channel);
        _dossier.Bind(15, scorecard.Synced ? 1 : 0);
        _dossier.Bind(16, scorecard.Complaint ? 1 : 0);
        _dossier.Bind(17, scorecard.PersonalStorage ? 1 : 0);
        _dossier.Bind(18, scorecard.CitizenData ? 1 : 0);
        _dossier.Execute();

        if (row.Fee > 0)
        {
            InsertFee(row.Id, 1, "Lệ phí", row.Fee);
        }

        if (row.Charge > 0)
        {
            InsertFee(row.Id, 2, "Phí", row.Charge);
        }
    }

    public void InsertFee(string dossierId, int lineNumber, string name, long amount)
    {
        _feeLine.Bind(1, dossierId);
        _feeLine.Bind(2, lineNumber);
        _feeLine.Bind(3, name);
        _feeLine.Bind(4, amount);
        _feeLine.Execute();
        FeeLines++;
    }

    public void Dispose()
    {
        _dossier.Dispose();
        _feeLine.Dispose();
    }

    private static void BindDateTime(SqliteRowStatement statement, int index, DateTime? value)
    {
        if (value is not { } time)
        {
            statement.BindNull(index);
            return;
        }

        Span<byte> buffer = stackalloc byte[19];
        SourceText.WriteDateTime(buffer, time);
        statement.BindUtf8(index, buffer);
    }
}
