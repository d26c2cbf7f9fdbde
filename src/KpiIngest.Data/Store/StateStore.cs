
namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_state: small named values (the poll watermark, the earliest day whose snapshots are out of date),
/// always written in the transaction of the data they describe. Values are text on every engine.
/// </summary>
public sealed class StateStore(StoreCommands store)
{
    public const string DossierWatermark = "watermark:src_dossier";
    public const string RestateFrom = "restate_from";
    public const string AlertsFrom = "alerts_from";

    /// <summary>
    /// The optional source columns the last poll read (SourceContract.OptionalText), written with the watermark: when
    /// the source's set differs, the watermark is reset so every dossier is read again with the columns it now has.
    /// </summary>
    public const string OptionalColumns = "optional_columns";

    /// <summary>
    /// Set while a first ingest loads facts without their daily-pair deltas (set in the transaction of its first facts,
    /// cleared in the one that rebuilds kpi_daily_pair from them): a run that finds it set finishes the load.
    /// </summary>
    public const string DailyPairsRebuildPending = "daily_pairs:rebuild_pending";

    /// <summary>The problem the OPS recipients were last told of (cleared when told it is over).</summary>
    public const string OpsProblem = "ops:problem";

    public string? Get(string name) =>
        store.Scalar<string?>(store.Dialect.Sql("GetState"), new { name });

    public void Set(string name, string? value) =>
        store.Write(store.Dialect.Sql("SetState"), new { name, value });

    /// <summary>Lowers the restatement day to <paramref name="day"/> when it is earlier than the one recorded.</summary>
    public void MarkRestateFrom(DateOnly day) => MarkEarliest(RestateFrom, day);

    /// <summary>Lowers a day-valued mark (restate_from, alerts_from) to <paramref name="day"/> if it is earlier.</summary>
    public void MarkEarliest(string name, DateOnly day)
    {
        var current = StoreFormat.ParseNullableDay(Get(name));
        if (current is null || day < current)
        {
            Set(name, StoreFormat.Day(day));
        }
    }
}
