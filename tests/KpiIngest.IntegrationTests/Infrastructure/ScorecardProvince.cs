using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The April 2024 small province (<see cref="SmallProvinces.FillApril2024"/>, its SO-TP named with markup characters) with
/// two more units, backfilled for 29 and 30 April, and kpi_scorecard rows written by <see cref="ScorecardSeed"/> for MTD on
/// 30 April (and on 29 April, the previous day):
/// <code>
/// scope            share   rank
/// Toàn tỉnh        0.75
/// Cấp tỉnh (1)     0.75
/// Cấp huyện (2)    0.5
/// Cấp xã (3)       0.875
/// X-AH  (3)        0.875   1
/// SO-TP (1)        0.75    2
/// H-AL  (2)        0.5     3
/// </code>
/// Each share s gives every computed item N = round(48 s) of 48; the five entered items are MISSING (76/100 computable).
/// </summary>
public sealed class ScorecardProvinceFixture : IAsyncLifetime
{
    public const string HostileName = "Sở Tư pháp <i>&</i>";
    public const string Date = "2024-04-30";
    public const string PreviousDate = "2024-04-29";

    public static readonly DateOnly Day = new(2024, 4, 30);

    /// <summary>The units as ranked by total, highest first.</summary>
    public static readonly IReadOnlyList<string> UnitRanking = ["X-AH", "SO-TP", "H-AL"];

    private ProvinceWorkspace? _workspace;

    public ProvinceWorkspace Workspace => _workspace ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>The rows written for 30 April, MTD.</summary>
    public IReadOnlyList<ScorecardRow> Rows { get; private set; } = [];

    /// <summary>The province's rows for 29 April, MTD (share 0.7).</summary>
    public IReadOnlyList<ScorecardRow> PreviousRows { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _workspace = Create();
        (await _workspace.RunAsync("backfill", "--from", PreviousDate, "--to", Date)).ShouldSucceed();
        Rows = RowsOf(Day);
        PreviousRows = ScorecardSeed.Scope(Day.AddDays(-1), PeriodKind.Mtd, ScopeKind.Province, "", null, 0.7m);
        ScorecardSeed.Replace(_workspace.StorePath, [.. Rows, .. PreviousRows]);
    }

    /// <summary>The province's source, not yet run: SO-TP (level 1) as in the small province, H-AL (2) and X-AH (3) without dossiers.</summary>
    public static ProvinceWorkspace Create()
    {
        var workspace = SmallProvinces.FillApril2024(new ProvinceWorkspace(), HostileName);
        workspace.AddUnits(new UnitRow("H-AL", "UBND huyện An Lão", 2), new UnitRow("X-AH", "UBND xã An Hòa", 3));
        return workspace;
    }

    /// <summary>Every scope's rows of one date, MTD, with the shares above.</summary>
    public static IReadOnlyList<ScorecardRow> RowsOf(DateOnly day) =>
    [
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Province, "", null, 0.75m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Level, "1", 1, 0.75m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Level, "2", 2, 0.5m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Level, "3", 3, 0.875m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Unit, "SO-TP", 1, 0.75m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Unit, "H-AL", 2, 0.5m),
        .. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Unit, "X-AH", 3, 0.875m),
    ];

    /// <summary>The row of one scope and item.</summary>
    public ScorecardRow Row(ScopeKind scope, string scopeId, string item) =>
        Rows.Single(r => r.Scope == scope && r.ScopeId == scopeId && r.Item == item);

    public ValueTask DisposeAsync()
    {
        _workspace?.Dispose();
        return ValueTask.CompletedTask;
    }
}
