using KpiIngest.Core.Facts;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The store reads, writes and stages the daily counts by <see cref="DayCounts.Columns"/>: that list must be
/// kpi_daily_pair's count columns in the migrations' order (the servers' migrations are compared with SQLite's
/// column by column elsewhere), and each name must sit at the position of the count it stores.
/// </summary>
public sealed class DailyPairColumnsTests
{
    [Fact]
    public void Columns_AreTheCountColumnsOfKpiDailyPairInOrder()
    {
        var table = StoreMigrations.Sqlite().Tables["kpi_daily_pair"];

        DayCounts.Columns.ShouldBe(table.ColumnNames.Except(["day", "pair_id"]).ToList());
    }

    [Fact]
    public void Indexer_EachPositionIsTheCountItsColumnNames()
    {
        var counts = new DayCounts
        {
            Received = 1, Online = 2, WithFee = 3, WithFeePaidOnline = 4, Digitized = 5, Reused = 6, PaidOnline = 7,
            Resolved = 8, ResolvedEResult = 9, ResolvedWithDue = 10, ResolvedOnTime = 11, ReceivedEResult = 12,
            DigitizedEResult = 13, Synced = 14, Complaint = 15, PersonalStorage = 16, CitizenData = 17,
        };

        Enumerable.Range(0, DayCounts.Count).Select(i => (DayCounts.Columns[i], counts[i])).ShouldBe(
        [
            ("received", 1L), ("online", 2L), ("with_fee", 3L), ("with_fee_paid_online", 4L), ("digitized", 5L), ("reused", 6L),
            ("paid_online", 7L), ("resolved", 8L), ("resolved_e_result", 9L), ("resolved_with_due", 10L), ("resolved_on_time", 11L),
            ("received_e_result", 12L), ("digitized_e_result", 13L), ("synced", 14L), ("complaint", 15L),
            ("personal_storage", 16L), ("citizen_data", 17L),
        ]);
    }
}
