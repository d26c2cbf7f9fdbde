using KpiIngest.Core.Source;
using Shouldly;
using Xunit;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// source-contract.md, "Bad rows": a row met again because it changed is not a duplicate, its latest version wins; the
/// same dossier_id twice in one result set is. What a scan keeps of an id it meets twice makes both hold.
/// </summary>
public sealed class LatestCopiesTests
{
    private static readonly SourceTimeReader Times = new(TimeZoneInfo.Utc);

    [Fact]
    public void Of_NoIdTwice_ReturnsTheRowsUntouched()
    {
        IReadOnlyList<RawDossier> rows = [Row("A", "2024-05-01 08:00:00"), Row("B", "2024-05-01 07:00:00")];

        LatestCopies.Of(rows, Times).ShouldBeSameAs(rows);
    }

    [Fact]
    public void Of_IdTwiceWithDifferentUpdatedAt_KeepsTheLatestCopyWhereverItIs()
    {
        var latest = Row("X", "2024-05-01 09:00:00");

        LatestCopies.Of([latest, Row("B", "2024-05-01 08:00:00"), Row("X", "2024-05-01 07:59:00")], Times)
            .ShouldBe([latest, Row("B", "2024-05-01 08:00:00")]);
    }

    [Fact]
    public void Of_IdTwiceWithTheSameLatestUpdatedAt_KeepsBothForTheCheckToJudgeAsDuplicates()
    {
        var rows = LatestCopies.Of(
            [Row("X", "2024-05-01 09:00:00"), Row("X", "2024-05-01 09:00:00", channel: 1), Row("X", "2024-05-01 08:00:00")], Times);

        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => (string)r.UpdatedAt! == "2024-05-01 09:00:00");
    }

    [Fact]
    public void Of_CopiesWhoseUpdatedAtCannotBeRead_DroppedBesideOneThatCanButKeptWhenNoneCan()
    {
        LatestCopies.Of([Row("X", "not a time"), Row("X", "2024-05-01 09:00:00")], Times)
            .Select(r => r.UpdatedAt).ShouldBe(["2024-05-01 09:00:00"]);
        LatestCopies.Of([Row("Y", "not a time"), Row("Y", null)], Times).Count.ShouldBe(2);
    }

    private static RawDossier Row(string id, string? updatedAt, int channel = 2) =>
        new(id, null, "U1", "P1", (long)channel, 2L, "2024-05-01 07:00:00", null, null, null, 0L, 0L, 0L, 0L, updatedAt);
}
