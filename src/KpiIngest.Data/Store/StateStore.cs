using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_state: small named values (the poll watermark, the earliest day whose snapshots are out of date),
/// always written in the transaction of the data they describe.
/// </summary>
public sealed class StateStore(SqliteConnection connection)
{
    public const string DossierWatermark = "watermark:src_dossier";
    public const string RestateFrom = "restate_from";
    public const string AlertsFrom = "alerts_from";

    public string? Get(string name, SqliteTransaction? transaction = null) =>
        connection.ExecuteScalar<string?>("SELECT value FROM kpi_state WHERE name = @name", new { name }, transaction);

    public void Set(string name, string? value, SqliteTransaction transaction) =>
        connection.Execute(
            "INSERT INTO kpi_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value },
            transaction);

    /// <summary>Lowers the restatement day to <paramref name="day"/> when it is earlier than the one recorded.</summary>
    public void MarkRestateFrom(DateOnly day, SqliteTransaction transaction) => MarkEarliest(RestateFrom, day, transaction);

    /// <summary>Lowers a day-valued mark (restate_from, alerts_from) to <paramref name="day"/> if it is earlier.</summary>
    public void MarkEarliest(string name, DateOnly day, SqliteTransaction transaction)
    {
        var current = StoreFormat.ParseNullableDay(Get(name, transaction));
        if (current is null || day < current)
        {
            Set(name, StoreFormat.Day(day), transaction);
        }
    }
}
