using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_state: small named values (the poll watermark, the earliest day whose snapshots are out of date),
/// always written in the transaction of the data they describe. Values are text on every engine.
/// </summary>
public sealed class StateStore(DbConnection connection, StoreDialect dialect)
{
    public const string DossierWatermark = "watermark:src_dossier";
    public const string RestateFrom = "restate_from";
    public const string AlertsFrom = "alerts_from";

    public string? Get(string name, DbTransaction? transaction = null) =>
        connection.ExecuteScalar<string?>(dialect.Sql("GetState"), new { name }, transaction);

    public void Set(string name, string? value, DbTransaction transaction) =>
        connection.Execute(dialect.Sql("SetState"), new { name, value }, transaction);

    /// <summary>Lowers the restatement day to <paramref name="day"/> when it is earlier than the one recorded.</summary>
    public void MarkRestateFrom(DateOnly day, DbTransaction transaction) => MarkEarliest(RestateFrom, day, transaction);

    /// <summary>Lowers a day-valued mark (restate_from, alerts_from) to <paramref name="day"/> if it is earlier.</summary>
    public void MarkEarliest(string name, DateOnly day, DbTransaction transaction)
    {
        var current = StoreFormat.ParseNullableDay(Get(name, transaction));
        if (current is null || day < current)
        {
            Set(name, StoreFormat.Day(day), transaction);
        }
    }
}
