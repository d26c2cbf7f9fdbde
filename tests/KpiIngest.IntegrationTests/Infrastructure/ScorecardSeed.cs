using System.Data.Common;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>One scorecard item of scorecard.md's table: code, group, max points, a Vietnamese name and its basis here.</summary>
public sealed record SeedItem(string Code, string Group, int MaxPoints, string NameVi, ScoreBasis Basis);

/// <summary>
/// Writes kpi_scorecard rows (<see cref="ScorecardRow"/>-shaped: items, the six groups, the total) and the kpi_scorecard_item
/// catalog into a real migrated SQLite store, for the surfaces' tests: the surfaces read what the store holds and never
/// compute points, so their tests choose the rows. A date and period's rows are replaced whole, so the rows a test
/// asserts are the rows it wrote even where a run also writes scorecard rows.
/// </summary>
public static class ScorecardSeed
{
    /// <summary>The denominator every computed item gets: a share s gives N = round(s × 48).</summary>
    public const long Denominator = 48;

    /// <summary>
    /// The 21 items: the five entered ones MISSING (nothing entered: 24 points lack data, so "tính được 76/100"), the
    /// rest computed with the basis a source without the optional columns gives.
    /// </summary>
    public static readonly IReadOnlyList<SeedItem> Items =
    [
        new("PUBLISH_ON_TIME", "G1", 6, "Công bố, công khai TTHC đúng hạn", ScoreBasis.Missing),
        new("PUBLIC_UPDATE_ON_TIME", "G1", 4, "Cập nhật, công khai TTHC đúng hạn", ScoreBasis.Missing),
        new("PUBLIC_CONTENT_FULL", "G1", 2, "Công khai đầy đủ nội dung TTHC", ScoreBasis.Missing),
        new("DOSSIER_SYNC", "G1", 6, "Đồng bộ hồ sơ lên Cổng DVCQG", ScoreBasis.Proxy),
        new("PROGRESS_ON_TIME", "G2", 20, "Hồ sơ giải quyết đúng hạn", ScoreBasis.Exact),
        new("ONLINE_SERVICE_OFFERED", "G3", 2, "Cung cấp dịch vụ công trực tuyến", ScoreBasis.Provisional),
        new("ONLINE_SERVICE_USED", "G3", 4, "TTHC phát sinh hồ sơ trực tuyến", ScoreBasis.Provisional),
        new("ONLINE_SUBMISSION", "G3", 6, "Hồ sơ nộp trực tuyến", ScoreBasis.Provisional),
        new("PAYMENT_DOSSIERS", "G4", 6, "Hồ sơ thanh toán trực tuyến", ScoreBasis.Exact),
        new("PAYMENT_PROCEDURES", "G4", 2, "TTHC phát sinh thanh toán trực tuyến", ScoreBasis.Exact),
        new("PAYMENT_FEE_DATA", "G4", 2, "Dữ liệu phí, lệ phí", ScoreBasis.Provisional),
        new("PETITION_ON_TIME", "G5", 6, "Xử lý phản ánh, kiến nghị đúng hạn", ScoreBasis.Missing),
        new("PETITION_SATISFACTION", "G5", 6, "Hài lòng về xử lý phản ánh, kiến nghị", ScoreBasis.Missing),
        new("RECEIVING_SATISFACTION", "G5", 6, "Hài lòng về tiếp nhận, giải quyết TTHC", ScoreBasis.Proxy),
        new("E_RESULT_AVAILABLE", "G6", 6, "Cấp kết quả điện tử", ScoreBasis.Exact),
        new("DIGITIZED_DOSSIERS", "G6", 4, "Số hóa hồ sơ", ScoreBasis.Exact),
        new("REUSED_DATA", "G6", 2, "Tái sử dụng dữ liệu số hóa", ScoreBasis.Exact),
        new("PERSONAL_STORAGE", "G6", 4, "Kho dữ liệu cá nhân", ScoreBasis.Exact),
        new("CITIZEN_DATA_DOSSIERS", "G6", 2, "Hồ sơ sử dụng dữ liệu dân cư", ScoreBasis.Exact),
        new("CITIZEN_DATA_PROCEDURES", "G6", 2, "TTHC sử dụng dữ liệu dân cư", ScoreBasis.Exact),
        new("CERTIFIED_COPY", "G6", 2, "Bản sao điện tử", ScoreBasis.Proxy),
    ];

    /// <summary>The six groups' names (the brief's) and max points.</summary>
    public static readonly IReadOnlyDictionary<string, (string NameVi, int MaxPoints)> Groups = new Dictionary<string, (string, int)>
    {
        ["G1"] = ("Công khai, minh bạch", 18),
        ["G2"] = ("Tiến độ giải quyết", 20),
        ["G3"] = ("Dịch vụ công trực tuyến", 12),
        ["G4"] = ("Thanh toán trực tuyến", 10),
        ["G5"] = ("Mức độ hài lòng", 18),
        ["G6"] = ("Số hóa hồ sơ", 22),
    };

    /// <summary>
    /// One scope's 28 rows: each computed item N = round(share × 48) of 48 and its max × N / 48 points (rounded once, half
    /// away from zero; CERTIFIED_COPY its 2 points without N/D as the PROXY does), MISSING items null; groups and the total
    /// summed from the items' points as scorecard.md says.
    /// </summary>
    public static IReadOnlyList<ScorecardRow> Scope(
        DateOnly date, PeriodKind period, ScopeKind scope, string scopeId, int? level, decimal share, bool isFinal = false)
    {
        var start = period.Start(date);
        var numerator = (long)Math.Round(share * Denominator, MidpointRounding.AwayFromZero);
        var items = Items.Select(item =>
        {
            if (item.Basis == ScoreBasis.Missing)
            {
                return Row(item.Code, item.Group, null, null, null, null, item.MaxPoints, 0, item.Basis);
            }

            if (item.Code == "CERTIFIED_COPY")
            {
                return Row(item.Code, item.Group, null, null, null, item.MaxPoints, item.MaxPoints, item.MaxPoints, item.Basis);
            }

            var points = Math.Round(item.MaxPoints * numerator / (decimal)Denominator, 2, MidpointRounding.AwayFromZero);
            var ratio = Math.Round(100m * numerator / Denominator, 2, MidpointRounding.AwayFromZero);
            return Row(item.Code, item.Group, numerator, Denominator, ratio, points, item.MaxPoints, item.MaxPoints, item.Basis);
        }).ToList();
        var groups = Groups.Select(g =>
        {
            var of = items.Where(i => i.GroupCode == g.Key).ToList();
            var points = of.All(i => i.Points is null) ? (decimal?)null : of.Sum(i => i.Points ?? 0);
            return Row(g.Key, g.Key, null, null, null, points, g.Value.MaxPoints, of.Sum(i => i.KnownMaxPoints), null);
        }).ToList();
        var total = Row(
            ScorecardRuleSet.Total, ScorecardRuleSet.Total, null, null, null,
            groups.All(g => g.Points is null) ? null : groups.Sum(g => g.Points ?? 0), ScorecardRuleSet.MaxPoints, groups.Sum(g => g.KnownMaxPoints), null);
        return [.. items, .. groups, total];

        ScorecardRow Row(string item, string group, long? n, long? d, decimal? ratio, decimal? points, int max, int knownMax, ScoreBasis? basis) =>
            new(date, period, start, scope, scopeId, level, item, group, n, d, ratio, points, max, knownMax, basis, isFinal);
    }

    /// <summary>
    /// Replaces the store's kpi_scorecard rows of each (date, period) in <paramref name="rows"/> with them, and writes the
    /// item catalog (items, groups, TOTAL with their names), in one transaction: a SQLite store file.
    /// </summary>
    public static void Replace(string storePath, IReadOnlyList<ScorecardRow> rows)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Pooling=False");
        connection.Open();
        Replace(connection, "", rows);
    }

    /// <summary>
    /// The same on any store's open connection (<paramref name="schema"/>: "kpi." for a server store's schema, "" for
    /// SQLite). Values travel typed as the columns are (dates as dates, is_final as a boolean, computed_at as a UTC
    /// instant), so PostgreSQL takes them as SQLite does.
    /// </summary>
    public static void Replace(DbConnection connection, string schema, IReadOnlyList<ScorecardRow> rows)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        using var transaction = connection.BeginTransaction();
        foreach (var (date, period) in rows.Select(r => (r.SnapshotDate, r.Period)).Distinct())
        {
            Execute(connection, transaction, $"DELETE FROM {schema}kpi_scorecard WHERE snapshot_date = @date AND period = @period",
                ("date", date), ("period", period.Text()));
        }

        foreach (var r in rows)
        {
            Execute(connection, transaction,
                $"""
                INSERT INTO {schema}kpi_scorecard (snapshot_date, period, period_start, scope, scope_id, level, item, group_code, numerator,
                    denominator, ratio, points, max_points, known_max_points, basis, is_final, computed_at)
                VALUES (@date, @period, @start, @scope, @scopeId, @level, @item, @group, @n, @d, @ratio, @points, @max, @knownMax,
                    @basis, @final, @computedAt)
                """,
                ("date", r.SnapshotDate), ("period", r.Period.Text()), ("start", r.PeriodStart), ("scope", r.Scope.Text()),
                ("scopeId", r.ScopeId), ("level", r.Level), ("item", r.Item), ("group", r.GroupCode), ("n", r.Numerator),
                ("d", r.Denominator), ("ratio", r.Ratio), ("points", r.Points), ("max", r.MaxPoints), ("knownMax", r.KnownMaxPoints),
                ("basis", r.Basis?.ToString().ToUpperInvariant()), ("final", r.IsFinal), ("computedAt", ComputedAtInstant));
        }

        var catalog = Items.Select(i => (i.Code, i.Group, i.NameVi, i.MaxPoints))
            .Concat(Groups.Select(g => (g.Key, g.Key, g.Value.NameVi, g.Value.MaxPoints)))
            .Append((ScorecardRuleSet.Total, ScorecardRuleSet.Total, "Tổng điểm", ScorecardRuleSet.MaxPoints));
        foreach (var (code, group, name, max) in catalog)
        {
            Execute(connection, transaction, $"DELETE FROM {schema}kpi_scorecard_item WHERE code = @code", ("code", code));
            Execute(connection, transaction,
                $"INSERT INTO {schema}kpi_scorecard_item (code, group_code, name_vi, max_points, rule_vi) VALUES (@code, @group, @name, @max, @rule)",
                ("code", code), ("group", group), ("name", name), ("max", max), ("rule", "(test)"));
        }

        transaction.Commit();
    }

    /// <summary>The province's stored TOTAL (points, known max) of one date and period, or null when the store has none.</summary>
    public static (decimal? Points, int KnownMaxPoints)? ProvinceTotal(string storePath, DateOnly date, PeriodKind period)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT points, known_max_points FROM kpi_scorecard WHERE snapshot_date = $date AND period = $period AND scope = 'PROVINCE' AND item = 'TOTAL'";
        command.Parameters.AddWithValue("$date", StoreFormat.Day(date));
        command.Parameters.AddWithValue("$period", period.Text());
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.IsDBNull(0) ? null : Math.Round((decimal)reader.GetDouble(0), 2, MidpointRounding.AwayFromZero), reader.GetInt32(1))
            : null;
    }

    /// <summary>The computed_at every seeded row carries, as reports print it.</summary>
    public const string ComputedAt = "2024-05-01T01:02:03.000Z";

    private static readonly DateTime ComputedAtInstant = new(2024, 5, 1, 1, 2, 3, DateTimeKind.Utc);

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }
}
