using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Facts;

/// <summary>
/// source-contract.md, "Changes and deletions" and "Bad rows", for one checked page against the facts stored
/// before it: what is upserted, deleted, quarantined and cleared, and what the daily-pair counts gain or lose.
/// </summary>
public sealed class FactDiffTests
{
    private static readonly PairKey Catalogued = new("U1", "1.001234");

    private static FactDiff CreateSut(params string[] quarantinedBefore) =>
        new(new HashSet<PairKey> { Catalogued }, quarantinedBefore);

    private static DossierPage Page(params RawDossier[] rows) =>
        new DossierPageCheck(RawRowsBuilder.KnownUnits, RawRowsBuilder.Times, RawRowsBuilder.LatestPlausibleUpdate).Check(rows);

    private static DossierFact StoredFact(string id) => Page(RawRowsBuilder.Dossier(id)).Facts.Single();

    private static Dictionary<string, DossierFact> Stored(params DossierFact[] facts) =>
        facts.ToDictionary(f => f.DossierId, StringComparer.Ordinal);

    private static FactChanges Decide(FactDiff sut, DossierPage page, Dictionary<string, DossierFact> before, DailyPairDelta delta,
        params string[] missingIds) =>
        sut.Decide(page, page.Facts, insertedAbsent: false, before, missingIds, delta);

    private static long Received(DailyPairDelta delta) => delta.Changes.Sum(c => c.Counts.Received);

    [Fact]
    public void Decide_NewDossier_UpsertedWithItsCounts()
    {
        var delta = new DailyPairDelta();

        var changes = Decide(CreateSut(), Page(RawRowsBuilder.Dossier("D1")), Stored(), delta);

        changes.Upserts.ShouldHaveSingleItem().DossierId.ShouldBe("D1");
        changes.Upserted.ShouldBe(1);
        Received(delta).ShouldBe(1);
        changes.Deletions.ShouldBeEmpty();
    }

    [Fact]
    public void Decide_SameDossierAgain_NothingWritten()
    {
        var delta = new DailyPairDelta();

        var changes = Decide(CreateSut(), Page(RawRowsBuilder.Dossier("D1")), Stored(StoredFact("D1")), delta);

        changes.Upserts.ShouldBeEmpty();
        changes.Upserted.ShouldBe(0);
        delta.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Decide_OnlyUpdatedAtChanged_UpsertedWithoutCountChange()
    {
        var delta = new DailyPairDelta();
        var stored = StoredFact("D1") with { UpdatedAt = Dates.At("2024-04-15 09:00:00") };

        var changes = Decide(CreateSut(), Page(RawRowsBuilder.Dossier("D1")), Stored(stored), delta);

        changes.Upserts.ShouldHaveSingleItem().DossierId.ShouldBe("D1");
        changes.Upserted.ShouldBe(0);
        delta.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Decide_DossierTurnedBad_DeletedAndQuarantined()
    {
        var delta = new DailyPairDelta();

        var changes = Decide(CreateSut(), Page(RawRowsBuilder.Dossier("D1") with { Channel = 4L }), Stored(StoredFact("D1")), delta);

        changes.Deletions.ShouldBe(["D1"]);
        changes.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D1");
        changes.Deleted.ShouldBe(0);
        Received(delta).ShouldBe(-1);
    }

    [Fact]
    public void Decide_MissingIdStored_DeletedAndCounted()
    {
        var delta = new DailyPairDelta();

        var changes = Decide(CreateSut(), Page(), Stored(StoredFact("D9")), delta, "D9");

        changes.Deletions.ShouldBe(["D9"]);
        changes.Deleted.ShouldBe(1);
        Received(delta).ShouldBe(-1);
    }

    [Fact]
    public void Decide_QuarantinedBeforeReadGood_ClearedAndNotRetried()
    {
        var sut = CreateSut("D1", "D2");

        var changes = Decide(sut, Page(RawRowsBuilder.Dossier("D1")), Stored(), new DailyPairDelta());

        changes.QuarantineClears.ShouldBe(["D1"]);
        sut.QuarantineNotReadYet().ShouldBe(["D2"]);
    }

    [Fact]
    public void Decide_QuarantinedBeforeStillBad_NotClearedAndNotRetried()
    {
        var sut = CreateSut("D1");

        var changes = Decide(sut, Page(RawRowsBuilder.Dossier("D1") with { Channel = 4L }), Stored(), new DailyPairDelta());

        changes.QuarantineClears.ShouldBeEmpty();
        sut.QuarantineNotReadYet().ShouldBeEmpty();
    }

    [Fact]
    public void Decide_QuarantinedBeforeGoneFromSource_Cleared()
    {
        var sut = CreateSut("D1");

        var changes = Decide(sut, Page(), Stored(), new DailyPairDelta(), "D1");

        changes.QuarantineClears.ShouldBe(["D1"]);
        changes.Deleted.ShouldBe(0);
    }

    [Fact]
    public void Decide_PairNotInCatalog_CountedUncatalogued()
    {
        var changes = Decide(CreateSut(),
            Page(RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D2") with { ProcedureCode = "9.999999" }),
            Stored(), new DailyPairDelta());

        changes.Uncatalogued.ShouldBe(1);
        changes.Upserts.Count.ShouldBe(2);
    }

    [Fact]
    public void Decide_InsertedAbsent_CountsTheInsertedAndDiffsOnlyThePresent()
    {
        // First ingest: the store inserted D1 where absent and handed back D2, which it held already.
        var delta = new DailyPairDelta();
        var page = Page(RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D2"));
        var present = page.Facts.Where(f => f.DossierId == "D2").ToList();

        var changes = CreateSut().Decide(page, present, insertedAbsent: true, Stored(StoredFact("D2")), [], delta);

        changes.Upserted.ShouldBe(1);
        changes.Upserts.ShouldBeEmpty();
        Received(delta).ShouldBe(1);
    }

    [Fact]
    public void IdsToLoad_ComparedQuarantinedAndMissing_OverlongKeysLeftOut()
    {
        var page = Page(RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D2") with { Channel = 4L },
            RawRowsBuilder.Dossier(new string('x', ContractLimits.KeyLength + 1)));

        var ids = FactDiff.IdsToLoad(page.Facts, page.Validated.Quarantined, ["D9"]);

        ids.Order(StringComparer.Ordinal).ShouldBe(["D1", "D2", "D9"]);
    }
}
