using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Email;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// indicators.md, "Alerts", Email: a PROVINCE route receives every alert, a LEVEL route the alerts of its level and
/// of that level's units, a UNIT route its unit's alerts, an OPS route the service's own failures (no alert); one
/// digest per recipient. Issue 3: a unit's recipients receive nothing about other units.
/// </summary>
public sealed class RecipientRouterTests
{
    // Province; level 1 with unit SO-TP; level 3 with units X-A and X-B; level 2 with unit H-AN.
    private static readonly AlertNotice Province = Notice(1, ScopeKind.Province, "", level: null);
    private static readonly AlertNotice Level1 = Notice(2, ScopeKind.Level, "1", level: 1);
    private static readonly AlertNotice Level3 = Notice(3, ScopeKind.Level, "3", level: 3);
    private static readonly AlertNotice Level2 = Notice(4, ScopeKind.Level, "2", level: 2);
    private static readonly AlertNotice SoTp = Notice(5, ScopeKind.Unit, "SO-TP", level: 1);
    private static readonly AlertNotice XaA = Notice(6, ScopeKind.Unit, "X-A", level: 3);
    private static readonly AlertNotice XaB = Notice(7, ScopeKind.Unit, "X-B", level: 3);
    private static readonly AlertNotice HuyenAn = Notice(8, ScopeKind.Unit, "H-AN", level: 2);
    private static readonly AlertNotice XaA2 = Notice(9, ScopeKind.Unit, "X-A", level: 3, IndicatorCode.DataReuse);

    private static readonly AlertNotice[] All = [Province, Level1, Level3, Level2, SoTp, XaA, XaB, HuyenAn, XaA2];

    [Fact]
    public void Route_ProvinceRoute_ReceivesEveryAlert()
    {
        var sut = CreateSut(Route("PROVINCE", null, "tinh@example.test"));

        var routed = sut.Route(All);

        routed.Keys.ShouldBe(["tinh@example.test"]);
        routed["tinh@example.test"].ShouldBe(All, ignoreOrder: true);
    }

    [Fact]
    public void Route_Level3Route_ReceivesLevel3AndItsUnitsOnly()
    {
        var sut = CreateSut(Route("LEVEL", "3", "capxa@example.test"));

        var routed = sut.Route(All);

        // Not the PROVINCE alert, not level 1 or 2 nor their units.
        routed["capxa@example.test"].ShouldBe([Level3, XaA, XaB, XaA2], ignoreOrder: true);
    }

    [Fact]
    public void Route_Level1Route_ReceivesLevel1AndItsUnitsOnly()
    {
        var sut = CreateSut(Route("LEVEL", "1", "captinh@example.test"));

        var routed = sut.Route(All);

        routed["captinh@example.test"].ShouldBe([Level1, SoTp], ignoreOrder: true);
    }

    [Fact]
    public void Route_LevelRouteWithNoAlertOfItsLevel_GetsNoDigest()
    {
        var sut = CreateSut(Route("LEVEL", "2", "caphuyen@example.test"));

        var routed = sut.Route([Province, Level1, Level3, SoTp, XaA]);

        routed.Keys.ShouldNotContain("caphuyen@example.test");
    }

    [Fact]
    public void Route_UnitRoute_ReceivesOnlyItsUnitsAlerts()
    {
        var sut = CreateSut(Route("UNIT", "X-A", "xa-a@example.test"));

        var routed = sut.Route(All);

        // Both of X-A's alerts; nothing of X-B (same level), nor of level 3 or the province.
        routed["xa-a@example.test"].ShouldBe([XaA, XaA2], ignoreOrder: true);
    }

    [Fact]
    public void Route_UnitRouteIdDiffersOnlyInCase_ReceivesNothing()
    {
        var upper = Notice(10, ScopeKind.Unit, "U1", level: 3);
        var sut = CreateSut(Route("UNIT", "u1", "u1-lower@example.test"));

        var routed = sut.Route([upper]);

        // unit_id is case-sensitive (operations.md: unit ids may differ only in case).
        routed.Keys.ShouldNotContain("u1-lower@example.test");
    }

    [Fact]
    public void Route_TwoUnitsDifferingOnlyInCase_EachRouteGetsItsOwn()
    {
        var upper = Notice(10, ScopeKind.Unit, "U1", level: 3);
        var lower = Notice(11, ScopeKind.Unit, "u1", level: 3);
        var sut = CreateSut(Route("UNIT", "U1", "upper@example.test"), Route("UNIT", "u1", "lower@example.test"));

        var routed = sut.Route([upper, lower]);

        routed["upper@example.test"].ShouldBe([upper]);
        routed["lower@example.test"].ShouldBe([lower]);
    }

    [Fact]
    public void Route_AddressInTwoRoutes_OneDigestWithTheUnionNoDuplicates()
    {
        var sut = CreateSut(
            Route("LEVEL", "3", "chutich@example.test"),
            Route("UNIT", "X-A", "chutich@example.test", "xa-a@example.test"),
            Route("UNIT", "SO-TP", "chutich@example.test"));

        var routed = sut.Route(All);

        // Level 3 ∪ X-A ∪ SO-TP: X-A's two alerts come through two routes and appear once each.
        var digest = routed["chutich@example.test"];
        digest.ShouldBe([Level3, XaA, XaB, XaA2, SoTp], ignoreOrder: true);
        digest.Distinct().Count().ShouldBe(digest.Count);
        routed["xa-a@example.test"].ShouldBe([XaA, XaA2], ignoreOrder: true);
    }

    [Fact]
    public void Route_AddressInProvinceAndUnitRoutes_EveryAlertOnce()
    {
        var sut = CreateSut(Route("UNIT", "X-B", "tinh@example.test"), Route("PROVINCE", null, "tinh@example.test"));

        var routed = sut.Route(All);

        routed.Count.ShouldBe(1);
        routed["tinh@example.test"].Count.ShouldBe(All.Length);
        routed["tinh@example.test"].ShouldBe(All, ignoreOrder: true);
    }

    [Fact]
    public void Route_OpsRoute_ReceivesNoAlert()
    {
        var sut = CreateSut(Route("OPS", null, "ops@example.test"), Route("UNIT", "X-A", "xa-a@example.test"));

        var routed = sut.Route(All);

        routed.Keys.ShouldNotContain("ops@example.test");
        routed.Keys.ShouldBe(["xa-a@example.test"]);
        sut.OpsAddresses.ShouldBe(["ops@example.test"]);
    }

    [Fact]
    public void Route_NoNotice_NoDigest()
    {
        var sut = CreateSut(Route("PROVINCE", null, "tinh@example.test"));

        sut.Route([]).ShouldBeEmpty();
    }

    private static RecipientRouter CreateSut(params RecipientRoute[] routes) => new(routes);

    private static RecipientRoute Route(string scope, string? id, params string[] to) => new() { Scope = scope, Id = id, To = [.. to] };

    private static AlertNotice Notice(long alertId, ScopeKind scope, string scopeId, int? level, IndicatorCode indicator = IndicatorCode.OnlineDossier)
    {
        var day = new DateOnly(2024, 4, 10);
        var key = new AlertKey(indicator, scope, scopeId, PeriodKind.Mtd, new DateOnly(2024, 4, 1));
        var alert = new Alert(key, level, AlertStatus.Open, AlertSeverity.Critical, 0m, 50m, 50m, 0, 10, 5, day, day, null,
            AlertEvent.Opened, day);
        return new AlertNotice(alertId, alert);
    }
}
