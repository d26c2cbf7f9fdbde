using KpiIngest.Core.Facts;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_dossier_fact: the stored contribution of every counted dossier, against which changes are diffed. A page of
/// facts is bulk-loaded into a staging table and applied by one set-based statement (the engine's fast path). Each
/// fact carries its pair's number beside the pair itself, so that the daily pairs are rebuilt from the facts with no
/// join (<see cref="DailyPairStore.RebuildFromFacts"/>).
/// </summary>
public sealed class FactStore(StoreCommands store, PairNumbers pairs)
{
    private static readonly StageTable StagedFacts = new("kpi_stage_fact",
    [
        new("dossier_id", StoreType.Text), new("unit_id", StoreType.Text), new("procedure_code", StoreType.Text),
        new("received_day", StoreType.Day), new("resolved_day", StoreType.Day), new("traits", StoreType.SmallNumber),
        new("updated_at", StoreType.Local), new("due_day", StoreType.Day), new("pair_id", StoreType.Count),
    ]);

    private static readonly StageTable StagedIds = new("kpi_stage_id", [new("dossier_id", StoreType.Text)]);

    public bool IsEmpty() => StoreValue.Number(store.Scalar(store.Dialect.Sql("IsFactTableEmpty"))!) == 1;

    public Dictionary<string, DossierFact> Load(IReadOnlyCollection<string> dossierIds)
    {
        var facts = new Dictionary<string, DossierFact>(dossierIds.Count, StringComparer.Ordinal);
        if (dossierIds.Count == 0)
        {
            return facts;
        }

        StageIds(dossierIds);
        using var reader = store.Reader(store.Dialect.Sql("LoadStagedFacts"));
        while (reader.Read())
        {
            var fact = new DossierFact(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                StoreValue.NullableDay(reader.GetValue(3)),
                StoreValue.NullableDay(reader.GetValue(4)),
                (DossierTraits)StoreValue.Number(reader.GetValue(5)),
                StoreValue.Local(reader.GetValue(6)),
                StoreValue.NullableDay(reader.GetValue(7)));
            facts[fact.DossierId] = fact;
        }

        return facts;
    }

    public void Upsert(IReadOnlyCollection<DossierFact> facts)
    {
        if (facts.Count == 0)
        {
            return;
        }

        StageFacts(facts);
        store.Write(store.Dialect.Sql("DeleteStagedFacts"));
        store.Write(store.Dialect.Sql("InsertStagedFactsAbsent"));
    }

    /// <summary>Inserts the facts whose dossier is not stored yet; returns the others, untouched, for a diff.</summary>
    public List<DossierFact> InsertAbsent(IReadOnlyList<DossierFact> facts)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        if (store.Dialect.WritesRowByRow)
        {
            var present = new List<DossierFact>();
            var i = 0;
            foreach (var affected in store.Dialect.ExecuteEach(store.Connection, store.RequireTransaction(), "InsertFactIfAbsent", StagedFacts.Columns, Rows(facts)))
            {
                if (affected == 0)
                {
                    present.Add(facts[i]);
                }

                i++;
            }

            return present;
        }

        StageFacts(facts);
        var presentIds = store.Query<string>(store.Dialect.Sql("StagedFactsPresent"))
            .ToHashSet(StringComparer.Ordinal);
        store.Write(store.Dialect.Sql("InsertStagedFactsAbsent"));
        return [.. facts.Where(f => presentIds.Contains(f.DossierId))];
    }

    public void Delete(IReadOnlyCollection<string> dossierIds)
    {
        if (dossierIds.Count == 0)
        {
            return;
        }

        StageIds(dossierIds);
        store.Write(store.Dialect.Sql("DeleteStagedIdFacts"));
    }

    /// <summary>
    /// Dossiers counted under a unit that kpi_unit no longer holds (removed from src_unit, or quarantined): one
    /// statement whatever the number of such units. Run after the run's units replaced kpi_unit.
    /// </summary>
    public IReadOnlyList<string> IdsOfLostUnits() => [.. store.Query<string>(store.Dialect.Sql("FactIdsOfLostUnits"))];

    /// <summary>Every (dossier_id, updated_at) in ordinal order, streamed, for reconciliation's merge.</summary>
    public IEnumerable<(string DossierId, DateTime UpdatedAt)> ReadKeys()
    {
        using var reader = store.Reader(store.Dialect.Sql("ReadFactKeys"));
        while (reader.Read())
        {
            yield return (reader.GetString(0), StoreValue.Local(reader.GetValue(1)));
        }
    }

    private void StageFacts(IReadOnlyCollection<DossierFact> facts)
    {
        var rows = Rows(facts);
        store.Dialect.CreateStage(store.Connection, store.RequireTransaction(), StagedFacts);
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.StageName(StagedFacts), StagedFacts.Columns, rows);
    }

    /// <summary>The facts as rows of <see cref="StagedFacts"/>, their pairs numbered first: a bulk load (COPY) holds the connection until it ends.</summary>
    private IEnumerable<object?[]> Rows(IReadOnlyCollection<DossierFact> facts)
    {
        var numbered = facts.Select(f => (Fact: f, PairId: pairs.IdOf(f.Pair))).ToList();
        return numbered.Select(n => Row(n.Fact, n.PairId));
    }

    private static object?[] Row(DossierFact f, long pairId) =>
        [f.DossierId, f.UnitId, f.ProcedureCode, f.ReceivedDay, f.ResolvedDay, (int)f.Traits, f.UpdatedAt, f.DueDay, pairId];

    private void StageIds(IEnumerable<string> dossierIds)
    {
        store.Dialect.CreateStage(store.Connection, store.RequireTransaction(), StagedIds);
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.StageName(StagedIds), StagedIds.Columns,
            dossierIds.Select(id => new object?[] { id }));
    }
}
