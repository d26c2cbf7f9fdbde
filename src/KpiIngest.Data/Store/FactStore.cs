using System.Data.Common;
using Dapper;
using KpiIngest.Core.Facts;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_dossier_fact: the stored contribution of every counted dossier, against which changes are diffed. A page of
/// facts is bulk-loaded into a staging table and applied by one set-based statement (the engine's fast path).
/// </summary>
public sealed class FactStore(DbConnection connection, StoreDialect dialect)
{
    private static readonly StageTable StagedFacts = new("kpi_stage_fact",
    [
        new("dossier_id", StoreType.Text), new("unit_id", StoreType.Text), new("procedure_code", StoreType.Text),
        new("received_day", StoreType.Day), new("resolved_day", StoreType.Day), new("traits", StoreType.SmallNumber),
        new("updated_at", StoreType.Local),
    ]);

    private static readonly StageTable StagedIds = new("kpi_stage_id", [new("dossier_id", StoreType.Text)]);

    public bool IsEmpty() => StoreValue.Number(connection.ExecuteScalar(dialect.Sql("IsFactTableEmpty"))!) == 1;

    public Dictionary<string, DossierFact> Load(IReadOnlyCollection<string> dossierIds, DbTransaction transaction)
    {
        var facts = new Dictionary<string, DossierFact>(dossierIds.Count, StringComparer.Ordinal);
        if (dossierIds.Count == 0)
        {
            return facts;
        }

        StageIds(dossierIds, transaction);
        using var reader = connection.ExecuteReader(dialect.Sql("LoadStagedFacts"), transaction: transaction);
        while (reader.Read())
        {
            var fact = new DossierFact(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                StoreValue.NullableDay(reader.GetValue(3)),
                StoreValue.NullableDay(reader.GetValue(4)),
                (DossierTraits)StoreValue.Number(reader.GetValue(5)),
                StoreValue.Local(reader.GetValue(6)));
            facts[fact.DossierId] = fact;
        }

        return facts;
    }

    public void Upsert(IReadOnlyCollection<DossierFact> facts, DbTransaction transaction)
    {
        if (facts.Count == 0)
        {
            return;
        }

        StageFacts(facts, transaction);
        connection.Execute(dialect.Sql("DeleteStagedFacts"), transaction: transaction);
        connection.Execute(dialect.Sql("InsertStagedFactsAbsent"), transaction: transaction);
    }

    /// <summary>Inserts the facts whose dossier is not stored yet; returns the others, untouched, for a diff.</summary>
    public List<DossierFact> InsertAbsent(IReadOnlyList<DossierFact> facts, DbTransaction transaction)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        if (dialect.WritesRowByRow)
        {
            var present = new List<DossierFact>();
            var i = 0;
            foreach (var affected in dialect.ExecuteEach(connection, transaction, "InsertFactIfAbsent", StagedFacts.Columns, facts.Select(Row)))
            {
                if (affected == 0)
                {
                    present.Add(facts[i]);
                }

                i++;
            }

            return present;
        }

        StageFacts(facts, transaction);
        var presentIds = connection.Query<string>(dialect.Sql("StagedFactsPresent"), transaction: transaction)
            .ToHashSet(StringComparer.Ordinal);
        connection.Execute(dialect.Sql("InsertStagedFactsAbsent"), transaction: transaction);
        return [.. facts.Where(f => presentIds.Contains(f.DossierId))];
    }

    public void Delete(IReadOnlyCollection<string> dossierIds, DbTransaction transaction)
    {
        if (dossierIds.Count == 0)
        {
            return;
        }

        StageIds(dossierIds, transaction);
        connection.Execute(dialect.Sql("DeleteStagedIdFacts"), transaction: transaction);
    }

    /// <summary>
    /// Dossiers counted under a unit that kpi_unit no longer holds (removed from src_unit, or quarantined): one
    /// statement whatever the number of such units. Run after the run's units replaced kpi_unit.
    /// </summary>
    public IReadOnlyList<string> IdsOfLostUnits() => [.. connection.Query<string>(dialect.Sql("FactIdsOfLostUnits"))];

    /// <summary>Every (dossier_id, updated_at) in ordinal order, streamed, for reconciliation's merge.</summary>
    public IEnumerable<(string DossierId, DateTime UpdatedAt)> ReadKeys()
    {
        using var reader = connection.ExecuteReader(dialect.Sql("ReadFactKeys"));
        while (reader.Read())
        {
            yield return (reader.GetString(0), StoreValue.Local(reader.GetValue(1)));
        }
    }

    private void StageFacts(IEnumerable<DossierFact> facts, DbTransaction transaction)
    {
        dialect.CreateStage(connection, transaction, StagedFacts);
        dialect.BulkInsert(connection, transaction, dialect.StageName(StagedFacts), StagedFacts.Columns, facts.Select(Row));
    }

    private static object?[] Row(DossierFact f) =>
        [f.DossierId, f.UnitId, f.ProcedureCode, f.ReceivedDay, f.ResolvedDay, (int)f.Traits, f.UpdatedAt];

    private void StageIds(IEnumerable<string> dossierIds, DbTransaction transaction)
    {
        dialect.CreateStage(connection, transaction, StagedIds);
        dialect.BulkInsert(connection, transaction, dialect.StageName(StagedIds), StagedIds.Columns,
            dossierIds.Select(id => new object?[] { id }));
    }
}
