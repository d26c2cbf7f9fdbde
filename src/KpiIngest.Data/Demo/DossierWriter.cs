using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KpiIngest.Data.Demo;

/// <summary>
/// Inserts dossiers through two prepared statements reused for every row. It binds through SQLitePCL
/// (the layer Microsoft.Data.Sqlite is built on) by parameter position from stack buffers: at millions
/// of rows, SqliteCommand's per-execution work (parameter look-up by name, boxing, UTF-8 copies) cost
/// about twice what SQLite itself does. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class DossierWriter : IDisposable
{
    private const string InsertDossier = """
        INSERT INTO ho_so (id, ma_ho_so, ma_don_vi, ma_tthc, kenh, trang_thai, ngay_tiep_nhan, ngay_hen_tra,
                           ngay_ket_thuc, hinh_thuc_thanh_toan, da_so_hoa, co_ket_qua_dien_tu, tai_su_dung, ngay_cap_nhat)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        """;

    private const string InsertFeeLine = "INSERT INTO ho_so_le_phi (ho_so_id, stt, ten_phi, so_tien) VALUES (?1, ?2, ?3, ?4)";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _dossier;
    private readonly sqlite3_stmt _feeLine;

    public DossierWriter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _dossier = Prepare(InsertDossier);
        try
        {
            _feeLine = Prepare(InsertFeeLine);
        }
        catch
        {
            _dossier.Dispose();
            throw;
        }
    }

    public int FeeLines { get; private set; }

    public void Insert(DossierRow row)
    {
        BindText(_dossier, 1, row.Id);
        BindText(_dossier, 2, row.Code);
        BindText(_dossier, 3, row.UnitId);
        BindText(_dossier, 4, row.ProcedureCode);
        raw.sqlite3_bind_int(_dossier, 5, row.Channel);
        raw.sqlite3_bind_int(_dossier, 6, row.Status);
        BindDateTime(_dossier, 7, row.ReceivedAt);
        BindDateTime(_dossier, 8, row.DueAt);
        BindDateTime(_dossier, 9, row.ResolvedAt);
        raw.sqlite3_bind_int(_dossier, 10, row.PaidOnline);
        raw.sqlite3_bind_int(_dossier, 11, row.Digitized ? 1 : 0);
        raw.sqlite3_bind_int(_dossier, 12, row.EResult ? 1 : 0);
        raw.sqlite3_bind_int(_dossier, 13, row.Reused ? 1 : 0);
        BindDateTime(_dossier, 14, row.UpdatedAt);
        Run(_dossier);

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
        BindText(_feeLine, 1, dossierId);
        raw.sqlite3_bind_int(_feeLine, 2, lineNumber);
        BindText(_feeLine, 3, name);
        raw.sqlite3_bind_int64(_feeLine, 4, amount);
        Run(_feeLine);
        FeeLines++;
    }

    public void Dispose()
    {
        _dossier.Dispose();
        _feeLine.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(rc);
        }

        return statement;
    }

    private void Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);

    private static void BindText(sqlite3_stmt statement, int index, string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Encoding.UTF8.TryGetBytes(value, buffer, out var length))
        {
            raw.sqlite3_bind_text(statement, index, buffer[..length]);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void BindDateTime(sqlite3_stmt statement, int index, DateTime? value)
    {
        if (value is not { } time)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }

        Span<byte> buffer = stackalloc byte[19];
        SourceText.WriteDateTime(buffer, time);
        raw.sqlite3_bind_text(statement, index, buffer);
    }
}
