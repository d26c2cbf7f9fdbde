using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Demo;

/// <summary>
/// Keeps a synthetic source alive: each <see cref="Step"/> adds dossiers and moves open ones along, as
/// a province's one-stop offices would. Built for a reader in another connection or process at the same
/// time: WAL mode, a busy timeout, and one short transaction per step. Not thread-safe.
/// </summary>
public sealed class SourceSimulator : IDisposable
{
    private const string OpenStatuses = "(1, 2, 4, 5, 6)";

    private readonly SqliteConnection _connection;
    private readonly ProvinceModel _model;
    private readonly Dictionary<string, UnitModel> _units;
    private readonly Random _random;
    private readonly DossierFactory _factory;
    private readonly HoSoRow _row = new();
    private readonly Dictionary<string, int> _codeSequences = new(StringComparer.Ordinal);
    private DateOnly _codeDay;
    private UnitSampler? _sampler;
    private DateOnly _samplerDay;
    private long _sequence;
    private DateTime _lastStamp;

    /// <summary>Opens a file made by <see cref="SyntheticProvince.Create"/>; <paramref name="seed"/> makes the steps repeatable.</summary>
    public SourceSimulator(string sqliteFilePath, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqliteFilePath);
        if (!File.Exists(sqliteFilePath))
        {
            throw new FileNotFoundException("The synthetic source file does not exist.", sqliteFilePath);
        }

        _connection = SqliteFiles.Open(sqliteFilePath, create: false);
        try
        {
            SqliteFiles.Execute(_connection, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            _model = ProvinceModel.Load(_connection);
            _units = _model.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
            _random = new Random(seed);
            _factory = new DossierFactory(_random);
            _sequence = LastSequence();
            _lastStamp = Scalar("SELECT MAX(ngay_cap_nhat) FROM ho_so") is string last ? SourceText.ParseDateTime(last) : DateTime.MinValue;
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds <paramref name="newDossiers"/> dossiers received at <paramref name="nowLocal"/> and moves up to
    /// <paramref name="changedDossiers"/> open ones one stage on (received, processing, paid online,
    /// resolved with or without an electronic result). Every touched row gets the same updated_at: the
    /// local time truncated to the second, raised to one second after the newest updated_at in the file
    /// when the clock has not moved past it, so updated_at only ever increases.
    /// </summary>
    public SimulationStep Step(DateTime nowLocal, int newDossiers, int changedDossiers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newDossiers);
        ArgumentOutOfRangeException.ThrowIfNegative(changedDossiers);

        var stamp = new DateTime(nowLocal.Ticks - (nowLocal.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
        if (stamp <= _lastStamp)
        {
            stamp = _lastStamp.AddSeconds(1);
        }

        var day = DateOnly.FromDateTime(stamp);
        using var transaction = _connection.BeginTransaction();
        // Changes first: the open dossiers to move along must not include the ones added in this step.
        var changed = ChangeOpenDossiers(transaction, stamp, changedDossiers);
        var added = AddDossiers(transaction, stamp, day, newDossiers);
        transaction.Commit();
        _lastStamp = stamp;
        return new SimulationStep(stamp, added, changed);
    }

    public void Dispose() => _connection.Dispose();

    private int AddDossiers(SqliteTransaction transaction, DateTime stamp, DateOnly day, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        if (_sampler is null || _samplerDay != day)
        {
            _sampler = _model.ActiveOn(day);
            _samplerDay = day;
        }

        if (_sampler.IsEmpty)
        {
            throw new InvalidOperationException($"No unit of the synthetic source is active on {day:yyyy-MM-dd}.");
        }

        EnsureCodeSequences(transaction, day);
        using var writer = new DossierWriter(_connection);
        for (var i = 0; i < count; i++)
        {
            var unit = _sampler.Pick(_random);
            var pair = unit.PickPair(_random);
            _row.Id = SourceText.DossierId(stamp, ++_sequence);
            _factory.FillNew(_row, unit, pair, stamp);
            var sequence = _codeSequences[unit.Id] = _codeSequences.GetValueOrDefault(unit.Id) + 1;
            _row.Code = SourceText.DossierCode(unit.Id, day, sequence);
            writer.Insert(_row);
        }

        return count;
    }

    private int ChangeOpenDossiers(SqliteTransaction transaction, DateTime stamp, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        var open = ReadOpenDossiers(transaction, count);
        using var update = _connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE ho_so
            SET trang_thai = $status, ngay_tiep_nhan = $received, ngay_hen_tra = $due, ngay_ket_thuc = $resolved,
                hinh_thuc_thanh_toan = $paid, co_ket_qua_dien_tu = $eResult, ngay_cap_nhat = $updated
            WHERE id = $id
            """;
        var status = update.Parameters.Add("$status", SqliteType.Integer);
        var received = update.Parameters.Add("$received", SqliteType.Text);
        var due = update.Parameters.Add("$due", SqliteType.Text);
        var resolved = update.Parameters.Add("$resolved", SqliteType.Text);
        var paid = update.Parameters.Add("$paid", SqliteType.Integer);
        var eResult = update.Parameters.Add("$eResult", SqliteType.Integer);
        var updated = update.Parameters.Add("$updated", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Text);
        updated.Value = SourceText.FormatDateTime(stamp);
        using var writer = new DossierWriter(_connection);

        foreach (var dossier in open)
        {
            var unit = _units.GetValueOrDefault(dossier.UnitId);
            var pair = unit?.FindPair(dossier.ProcedureCode);
            var next = dossier with { };
            switch (dossier.Status)
            {
                case 1:
                    // Taken in by an officer, or refused at reception.
                    if (_random.NextDouble() < 0.05)
                    {
                        next = next with { Status = 3 };
                    }
                    else
                    {
                        var days = pair?.Procedure.Days ?? 5;
                        next = next with { Status = 2, ReceivedAt = stamp, DueAt = WorkCalendar.DueAt(stamp, days) };
                    }

                    break;
                case 2 or 5:
                    next = next with { Status = 4 };
                    break;
                case 6:
                    // Fees paid; a dossier waiting for fees it has no line for gets its fee line now,
                    // in the same transaction that moves updated_at, as the contract view requires.
                    if (dossier.FeeAmount <= 0 && pair is { HasFee: true, Procedure.Fee: > 0 })
                    {
                        writer.InsertFee(dossier.Id, 1, "Lệ phí", pair.Procedure.Fee);
                        next = next with { FeeAmount = pair.Procedure.Fee };
                    }

                    next = next with { Status = 4, PaidOnline = PayNow(unit, pair, next) };
                    break;
                default:
                    next = next with
                    {
                        Status = _random.NextDouble() < 0.3 ? 10 : 9,
                        ResolvedAt = stamp,
                        EResult = unit is not null && _factory.IssuesEResult(unit, pair),
                        PaidOnline = dossier.PaidOnline != 0 ? dossier.PaidOnline : PayNow(unit, pair, next),
                    };
                    break;
            }

            status.Value = next.Status;
            received.Value = Text(next.ReceivedAt);
            due.Value = Text(next.DueAt);
            resolved.Value = Text(next.ResolvedAt);
            paid.Value = next.PaidOnline;
            eResult.Value = next.EResult ? 1 : 0;
            id.Value = next.Id;
            update.ExecuteNonQuery();
        }

        return open.Count;
    }

    private int PayNow(UnitModel? unit, PairModel? pair, OpenDossier dossier) =>
        unit is null ? 0 : _factory.PaidOnline(unit.Profile, pair, dossier.FeeAmount, dossier.Channel == 2);

    /// <summary>
    /// Up to <paramref name="count"/> open dossiers from a random point of the key range onwards, wrapping
    /// round: through the partial work-queue index, so the cost does not grow with closed dossiers.
    /// </summary>
    private List<OpenDossier> ReadOpenDossiers(SqliteTransaction transaction, int count)
    {
        var first = Scalar($"SELECT MIN(id) FROM ho_so WHERE trang_thai IN {OpenStatuses}", transaction) as string;
        var last = Scalar($"SELECT MAX(id) FROM ho_so WHERE trang_thai IN {OpenStatuses}", transaction) as string;
        var result = new List<OpenDossier>(count);
        if (first is null || last is null)
        {
            return result;
        }

        var low = long.Parse(first.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var high = long.Parse(last.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var start = _random.NextInt64(low, high + 1).ToString("x8", CultureInfo.InvariantCulture);

        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT h.id, h.ma_don_vi, h.ma_tthc, h.kenh, h.trang_thai, h.ngay_tiep_nhan, h.ngay_hen_tra,
                   h.hinh_thuc_thanh_toan, (SELECT COALESCE(SUM(l.so_tien), 0) FROM ho_so_le_phi AS l WHERE l.ho_so_id = h.id)
            FROM ho_so AS h
            WHERE h.trang_thai IN {OpenStatuses} AND h.id >= $start AND h.id < $end
            ORDER BY h.id
            LIMIT $limit
            """;
        var startParameter = command.Parameters.Add("$start", SqliteType.Text);
        var endParameter = command.Parameters.Add("$end", SqliteType.Text);
        var limit = command.Parameters.Add("$limit", SqliteType.Integer);

        // From the random point to the end, then from the beginning up to it.
        foreach (var (from, to) in new[] { (start, "g"), ("", start) })
        {
            startParameter.Value = from;
            endParameter.Value = to;
            limit.Value = count - result.Count;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new OpenDossier(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : SourceText.ParseDateTime(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : SourceText.ParseDateTime(reader.GetString(6)),
                    null,
                    reader.GetInt32(7),
                    false,
                    Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture)));
            }

            if (result.Count >= count)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Daily code numbers continue those already used on <paramref name="day"/>. Every dossier coded on
    /// a day was updated on or after it, so the updated_at index keeps the look-up to recent rows.
    /// </summary>
    private void EnsureCodeSequences(SqliteTransaction transaction, DateOnly day)
    {
        if (_codeDay == day)
        {
            return;
        }

        _codeSequences.Clear();
        _codeDay = day;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT ma_don_vi, MAX(CAST(substr(ma_ho_so, length(ma_don_vi) + 9) AS INTEGER))
            FROM ho_so
            WHERE ngay_cap_nhat >= $day AND ma_ho_so LIKE ma_don_vi || '-' || $code || '-%'
            GROUP BY ma_don_vi
            """;
        command.Parameters.AddWithValue("$day", SourceText.FormatDate(day));
        command.Parameters.AddWithValue("$code", day.ToString("yyMMdd", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _codeSequences[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
        }
    }

    /// <summary>Ids are made in time order, so the greatest id carries the greatest sequence.</summary>
    private long LastSequence() =>
        Scalar("SELECT MAX(id) FROM ho_so") is string id ? Math.Max(0, SourceText.SequenceOf(id)) : 0;

    private object? Scalar(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static object Text(DateTime? value) => value is { } t ? SourceText.FormatDateTime(t) : DBNull.Value;

    private sealed record OpenDossier(
        string Id,
        string UnitId,
        string ProcedureCode,
        int Channel,
        int Status,
        DateTime? ReceivedAt,
        DateTime? DueAt,
        DateTime? ResolvedAt,
        int PaidOnline,
        bool EResult,
        long FeeAmount);
}
