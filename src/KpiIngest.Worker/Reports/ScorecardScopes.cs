using System.Globalization;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Display;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// One scope's scorecard as the surfaces show it (scorecard.md): its total, its six groups and its items, as stored.
/// </summary>
public sealed record ScopeScore(
    string Scope,
    string ScopeId,
    string? ScopeName,
    long? Level,
    ScorecardReportRow? Total,
    IReadOnlyList<ScorecardReportRow> Groups,
    IReadOnlyList<ScorecardReportRow> Items)
{
    /// <summary>The group's row of <paramref name="groupCode"/>, or null when the store has none.</summary>
    public ScorecardReportRow? Group(string groupCode) => Groups.FirstOrDefault(g => g.GroupCode == groupCode);

    /// <summary>The items nothing could compute and nothing was entered for (basis MISSING).</summary>
    public IEnumerable<ScorecardReportRow> Missing => Items.Where(i => i.Basis == ScorecardScopes.MissingBasis);

    /// <summary>The scope as a person reads it: Toàn tỉnh, the level's name, or the unit's name (its id when unnamed).</summary>
    public string Label => Scope switch
    {
        "PROVINCE" => "Toàn tỉnh",
        "LEVEL" => int.TryParse(ScopeId, NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? ScopeKinds.LevelName(level) : ScopeId,
        _ => ScopeName ?? ScopeId,
    };
}

/// <summary>
/// The scorecard rows of one date and period grouped by scope, in the order every surface shows them: the province, the
/// levels by number, then the units ranked by total (highest first; a unit without a total last; ties by unit id).
/// </summary>
public static class ScorecardScopes
{
    /// <summary>The stored basis of an item nothing could compute (<see cref="ScoreBasis.Missing"/>).</summary>
    public const string MissingBasis = "MISSING";

    /// <summary>The six group codes, in the spec's order.</summary>
    public static readonly IReadOnlyList<string> GroupCodes = ["G1", "G2", "G3", "G4", "G5", "G6"];

    public static IReadOnlyList<ScopeScore> Of(IEnumerable<ScorecardReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scopes = rows.GroupBy(r => (r.Scope, r.ScopeId))
            .Select(g => new ScopeScore(
                g.Key.Scope, g.Key.ScopeId, g.First().ScopeName, g.First().Level,
                g.FirstOrDefault(r => r.IsTotal),
                [.. g.Where(r => r.IsGroup).OrderBy(r => r.GroupCode, StringComparer.Ordinal)],
                [.. g.Where(r => r.IsItem).OrderBy(r => r.GroupCode, StringComparer.Ordinal)]))
            .ToList();
        return
        [
            .. scopes.Where(s => s.Scope == ScopeKind.Province.Text()),
            .. scopes.Where(s => s.Scope == ScopeKind.Level.Text()).OrderBy(s => s.ScopeId.Length).ThenBy(s => s.ScopeId, StringComparer.Ordinal),
            .. Ranked(scopes.Where(s => s.Scope == ScopeKind.Unit.Text())),
        ];
    }

    /// <summary>Units by total, highest first; those without a total last; ties by unit id, so the order is stable.</summary>
    public static IEnumerable<ScopeScore> Ranked(IEnumerable<ScopeScore> units) =>
        units.OrderBy(u => u.Total?.Points is null).ThenByDescending(u => u.Total?.Points).ThenBy(u => u.ScopeId, StringComparer.Ordinal);

    /// <summary>
    /// The items lacking data (MISSING) anywhere in <paramref name="scopes"/>, once each, by group and code: the same items
    /// lack data in every scope when the source lacks a column or nothing is entered.
    /// </summary>
    public static IReadOnlyList<ScorecardReportRow> MissingItems(IEnumerable<ScopeScore> scopes) =>
    [
        .. scopes.SelectMany(s => s.Missing).GroupBy(i => i.Item).Select(g => g.First())
            .OrderBy(i => i.GroupCode, StringComparer.Ordinal).ThenBy(i => i.Item, StringComparer.Ordinal),
    ];

    /// <summary>How many items of <paramref name="scope"/> have each basis, in the spec's order (for the line explaining them).</summary>
    public static IReadOnlyList<(string Basis, int Count)> BasisCounts(ScopeScore scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return [.. Enum.GetValues<ScoreBasis>().Select(b => b.ToString().ToUpperInvariant())
            .Select(b => (b, scope.Items.Count(i => i.Basis == b))).Where(c => c.Item2 > 0)];
    }
}

/// <summary>The scorecard's words, one owner for the table, the pages, the workbook and the digest.</summary>
public static class ScoreText
{
    /// <summary>The heading every surface shows with the score: the rules it was computed with.</summary>
    public static string Heading => $"Bộ chỉ số 766 — ước tính theo quy tắc {ScorecardRuleSet.Name}";

    /// <summary>Points with two decimals in Vietnamese form (61,35); — when none could be computed.</summary>
    public static string Points(decimal? points) => VietnameseFormat.Ratio(points);

    /// <summary>"61,35 điểm, tính được 76/100 điểm": the total and how much of the 100 points could be computed.</summary>
    public static string Total(ScorecardReportRow? total) => total is null
        ? "không có điểm"
        : $"{Points(total.Points)} điểm, tính được {Known(total)} điểm";

    /// <summary>"76/100": the max of the items that could be computed, of the row's max.</summary>
    public static string Known(ScorecardReportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.KnownMaxPoints.ToString(CultureInfo.InvariantCulture)}/{row.MaxPoints.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A basis in Vietnamese, as the line explaining the basis counts reads it.</summary>
    public static string Basis(string? basis) => basis switch
    {
        "EXACT" => "đúng quy tắc của Cổng",
        "PROVISIONAL" => "quy tắc tạm dựng lại",
        "PROXY" => "thay thế do nguồn thiếu dữ liệu",
        "ENTERED" => "nhập từ cấu hình",
        "MISSING" => "thiếu dữ liệu",
        _ => basis ?? "",
    };

    /// <summary>
    /// "Cơ sở tính: 12 mục EXACT (đúng quy tắc của Cổng), 4 mục PROVISIONAL (…), …": why some points are less certain.
    /// </summary>
    public static string BasisLine(ScopeScore scope) =>
        "Cơ sở tính: " + string.Join(", ", ScorecardScopes.BasisCounts(scope).Select(c => $"{c.Count} mục {c.Basis} ({Basis(c.Basis)})"))
        + ". " + BasisNote;

    /// <summary>What the less certain bases mean for the score.</summary>
    public const string BasisNote = "PROVISIONAL, PROXY: điểm gần đúng; MISSING: không tính điểm.";
}
