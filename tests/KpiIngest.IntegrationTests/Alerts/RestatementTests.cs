using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Alerts;

/// <summary>
/// indicators.md, "Alerts": an alert's state is a fold over the snapshots of its period, each date taken at its latest
/// computation, "so restating a snapshot re-folds its period (a MISSED can become RESOLVED)". Through the CLI: a
/// <c>backfill</c> of March 2024, a correction in the source, and the same backfill again (backfill restates the
/// dates it covers, operations.md).
/// <code>
/// X-A (level 3): 10 dossiers in person on 10 March (A00-A09), 10 in person on 20 March (B00-B09)
/// backfill 15-31 March: 15 Mar 0/10 miss → OPEN; 20 Mar 0/20; 31 Mar (final) 0/20 → MISSED 31 Mar
/// </code>
/// </summary>
public sealed class RestatementTests
{
    [Fact]
    public async Task Backfill_MiddleDaysCorrected_MissedBecomesResolved()
    {
        using var workspace = CreateWorkspace();
        (await workspace.RunAsync("backfill", "--from", "2024-03-15", "--to", "2024-03-31")).ShouldSucceed();
        var missed = Unit(workspace);
        (missed.Status, missed.OpenedOn, missed.ClosedOn, missed.Shortfall).ShouldBe(("MISSED", "2024-03-15", "2024-03-31", 10L));

        // The 20 March dossiers were in fact received online: from 20 March on, 10/20 meets 50.
        for (var i = 0; i < 10; i++)
        {
            workspace.UpdateDossier(Dossier($"B{i:D2}", "2024-03-20", online: true) with { UpdatedAt = "2024-05-02 08:00:00" });
        }

        var result = (await workspace.RunAsync("backfill", "--from", "2024-03-15", "--to", "2024-03-31")).ShouldSucceed();

        // Re-folded: 15 Mar 0/10 OPEN; 20 Mar 10/20 met → RESOLVED 20 Mar; 31 Mar met, already RESOLVED: unchanged.
        var resolved = Unit(workspace);
        resolved.ShouldSatisfyAllConditions(
            () => resolved.Status.ShouldBe("RESOLVED", result.Describe()),
            () => resolved.OpenedOn.ShouldBe("2024-03-15"),
            () => resolved.ClosedOn.ShouldBe("2024-03-20"),
            () => resolved.LastSeenOn.ShouldBe("2024-03-31"),
            () => (resolved.Numerator, resolved.Denominator, resolved.Shortfall).ShouldBe((10L, 20L, 0L)),
            () => resolved.AlertId.ShouldBe(missed.AlertId, "one alert per key, updated in place"));
    }

    [Fact]
    public async Task Backfill_EveryMissCorrected_AlertNoLongerExists()
    {
        using var workspace = CreateWorkspace();
        (await workspace.RunAsync("backfill", "--from", "2024-03-15", "--to", "2024-03-31")).ShouldSucceed();
        Alerts(workspace).ShouldNotBeEmpty();

        for (var i = 0; i < 10; i++)
        {
            workspace.UpdateDossier(Dossier($"A{i:D2}", "2024-03-10", online: true) with { UpdatedAt = "2024-05-02 08:00:00" });
        }

        var result = (await workspace.RunAsync("backfill", "--from", "2024-03-15", "--to", "2024-03-31")).ShouldSucceed();

        // 15 Mar 10/10, 20 Mar 10/20, 31 Mar 10/20: met on every date, so nothing ever missed.
        Alerts(workspace).ShouldBeEmpty(result.Describe());
    }

    private static ProvinceWorkspace CreateWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 3));
        workspace.AddDossiers(Enumerable.Range(0, 10).Select(i => Dossier($"A{i:D2}", "2024-03-10", online: false)));
        workspace.AddDossiers(Enumerable.Range(0, 10).Select(i => Dossier($"B{i:D2}", "2024-03-20", online: false)));
        return workspace;
    }

    private static DossierRow Dossier(string id, string day, bool online) => new(id, "X-A", "P1")
    {
        Channel = online ? 2 : 1,
        ReceivedAt = $"{day} 09:00:00",
        Digitized = 1,
        ReusedData = 1,
        UpdatedAt = "2024-04-01 08:00:00",
    };

    private static IReadOnlyList<AlertRow> Alerts(ProvinceWorkspace workspace) => new AlertQueries(workspace.StorePath).Alerts();

    private static AlertRow Unit(ProvinceWorkspace workspace) =>
        Alerts(workspace).Single(a => a.Scope == "UNIT" && a.ScopeId == "X-A" && a.Indicator == "ONLINE_DOSSIER" && a.PeriodStart == "2024-03-01");
}
