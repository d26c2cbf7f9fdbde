using KpiIngest.Core.Source;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_pair: the number of every (unit, procedure) pair that ever counted, so that facts and daily rows carry a small
/// integer instead of two strings. A pair is numbered the first time a fact or a daily count needs it, in the open
/// transaction, and a number never changes. The numbers are loaded once per run and kept in both directions.
/// </summary>
public sealed class PairNumbers(StoreCommands store)
{
    // A number is added when its row is inserted; if that transaction rolls back the run fails, and the next run on the
    // session starts by forgetting them (Forget).
    private Dictionary<PairKey, long>? _ids;
    private Dictionary<long, PairKey>? _keys;

    /// <summary>The pair's number, inserted into kpi_pair in the open transaction when it has none yet.</summary>
    public long IdOf(PairKey key)
    {
        Load();
        if (_ids!.TryGetValue(key, out var id))
        {
            return id;
        }

        store.RequireTransaction(); // the number belongs to the transaction of the row that needs it
        id = store.Scalar<long>(store.Dialect.Sql("InsertPair"), new { unit = key.UnitId, procedure = key.ProcedureCode });
        _ids[key] = id;
        _keys![id] = key;
        return id;
    }

    /// <summary>The pair numbered <paramref name="id"/>.</summary>
    public PairKey KeyOf(long id)
    {
        Load();
        return _keys![id];
    }

    /// <summary>
    /// Loads the numbers if this run has not yet: called before a reader of numbered rows opens, since Npgsql and
    /// SqlClient allow one open reader per connection and <see cref="KeyOf"/> would otherwise load them inside it.
    /// </summary>
    public void Load()
    {
        if (_ids is not null)
        {
            return;
        }

        _ids = [];
        _keys = [];
        using var reader = store.Reader(store.Dialect.Sql("LoadPairs"));
        while (reader.Read())
        {
            var key = new PairKey(reader.GetString(1), reader.GetString(2));
            _ids[key] = reader.GetInt64(0);
            _keys[reader.GetInt64(0)] = key;
        }
    }

    /// <summary>
    /// Forgets the numbers loaded so far: a new run on the same session reloads them under its lease, since another
    /// process may have numbered pairs since (or this session's failed run rolled its new numbers back).
    /// </summary>
    public void Forget()
    {
        _ids = null;
        _keys = null;
    }
}
