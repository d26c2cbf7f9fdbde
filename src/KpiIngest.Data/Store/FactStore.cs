using System.Text.Json;
using KpiIngest.Core.Facts;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_dossier_fact: the stored contribution of every counted dossier, against which changes are diffed.</summary>
public sealed class FactStore(SqliteConnection connection)
{
    public bool IsEmpty()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT NOT EXISTS (SELECT 1 FROM kpi_dossier_fact)";
        return Convert.ToBoolean(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Dictionary<string, DossierFact> Load(IReadOnlyCollection<string> dossierIds, SqliteTransaction transaction)
    {
        var facts = new Dictionary<string, DossierFact>(dossierIds.Count, StringComparer.Ordinal);
        if (dossierIds.Count == 0)
        {
            return facts;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at
            FROM kpi_dossier_fact WHERE dossier_id IN (SELECT value FROM json_each(@ids))
            """;
        command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(dossierIds));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var fact = new DossierFact(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : StoreFormat.ParseDay(reader.GetString(3)),
                reader.IsDBNull(4) ? null : StoreFormat.ParseDay(reader.GetString(4)),
                (DossierTraits)reader.GetInt32(5),
                StoreFormat.ParseLocal(reader.GetString(6)));
            facts[fact.DossierId] = fact;
        }

        return facts;
    }

    public void Upsert(IEnumerable<DossierFact> facts, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at)
            VALUES (@id, @unit, @procedure, @received, @resolved, @traits, @updated)
            ON CONFLICT (dossier_id) DO UPDATE SET
                unit_id = excluded.unit_id, procedure_code = excluded.procedure_code,
                received_day = excluded.received_day, resolved_day = excluded.resolved_day,
                traits = excluded.traits, updated_at = excluded.updated_at
            """;
        var bind = Bind(command);
        foreach (var fact in facts)
        {
            bind(fact);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Prepares the fact columns' parameters once and returns what sets them for each fact.</summary>
    private static Action<DossierFact> Bind(SqliteCommand command)
    {
        var id = command.Parameters.Add("@id", SqliteType.Text);
        var unit = command.Parameters.Add("@unit", SqliteType.Text);
        var procedure = command.Parameters.Add("@procedure", SqliteType.Text);
        var received = command.Parameters.Add("@received", SqliteType.Text);
        var resolved = command.Parameters.Add("@resolved", SqliteType.Text);
        var traits = command.Parameters.Add("@traits", SqliteType.Integer);
        var updated = command.Parameters.Add("@updated", SqliteType.Text);
        command.Prepare();
        return fact =>
        {
            id.Value = fact.DossierId;
            unit.Value = fact.UnitId;
            procedure.Value = fact.ProcedureCode;
            received.Value = (object?)StoreFormat.Day(fact.ReceivedDay) ?? DBNull.Value;
            resolved.Value = (object?)StoreFormat.Day(fact.ResolvedDay) ?? DBNull.Value;
            traits.Value = (int)fact.Traits;
            updated.Value = StoreFormat.Local(fact.UpdatedAt);
        };
    }

    /// <summary>Inserts the facts whose dossier is not stored yet; returns the others, untouched, for a diff.</summary>
    public List<DossierFact> InsertAbsent(IReadOnlyList<DossierFact> facts, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at)
            VALUES (@id, @unit, @procedure, @received, @resolved, @traits, @updated)
            ON CONFLICT (dossier_id) DO NOTHING
            """;
        var bind = Bind(command);
        var present = new List<DossierFact>();
        foreach (var fact in facts)
        {
            bind(fact);
            if (command.ExecuteNonQuery() == 0)
            {
                present.Add(fact);
            }
        }

        return present;
    }

    public void Delete(IEnumerable<string> dossierIds, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM kpi_dossier_fact WHERE dossier_id = @id";
        var id = command.Parameters.Add("@id", SqliteType.Text);
        command.Prepare();
        foreach (var dossierId in dossierIds)
        {
            id.Value = dossierId;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Dossiers counted under the given units (units removed from src_unit, or quarantined).</summary>
    public IReadOnlyList<string> IdsOfUnits(IReadOnlyCollection<string> unitIds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dossier_id FROM kpi_dossier_fact WHERE unit_id IN (SELECT value FROM json_each(@units))";
        command.Parameters.AddWithValue("@units", JsonSerializer.Serialize(unitIds));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Every (dossier_id, updated_at) in ordinal order, streamed, for reconciliation's merge.</summary>
    public IEnumerable<(string DossierId, DateTime UpdatedAt)> ReadKeys()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dossier_id, updated_at FROM kpi_dossier_fact ORDER BY dossier_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), StoreFormat.ParseLocal(reader.GetString(1)));
        }
    }
}
