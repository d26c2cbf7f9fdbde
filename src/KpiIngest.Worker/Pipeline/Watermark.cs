using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The dossier watermark (kpi_state "watermark:src_dossier"): the newest valid updated_at a poll has committed. A
/// poll starts <c>Source:PollOverlap</c> before it, so changes committed late in the source with an earlier
/// updated_at are read too; it only moves forward, and only in the transaction of the rows it covers.
/// </summary>
internal sealed class Watermark(StateStore state)
{
    /// <summary>Where a poll starts reading: the watermark minus the overlap, or the beginning before the first poll.</summary>
    public DateTime PollStart(TimeSpan overlap)
    {
        var watermark = state.Get(StateStore.DossierWatermark);
        var from = watermark is null ? DateTime.MinValue : StoreFormat.ParseLocal(watermark) - overlap;
        return from < DateTime.MinValue.AddDays(1) ? DateTime.MinValue : from;
    }

    /// <summary>
    /// Records the optional source columns this run reads (kpi_state "optional_columns") and, when they differ from the
    /// set the facts were read with, resets the watermark in the same transaction: their values were never stored, so
    /// this poll reads every dossier again and the diff moves each one's old contribution out and its new one in
    /// (scorecard.md, "Optional source columns"); every snapshot within the restatement horizon is restated. A store
    /// without the record (new, or upgraded from a version that did
    /// not keep due days) is read again in full too. Pages commit in updated_at order, so a run that fails midway
    /// resumes from where the reset read got to.
    /// </summary>
    /// <returns>True when dossiers already read will be read again (a watermark was reset); false on a first run.</returns>
    public bool FollowOptionalColumns(OptionalColumns present, Func<StoreTransaction> beginWrite)
    {
        ArgumentNullException.ThrowIfNull(beginWrite);
        var text = SourceContract.OptionalText(present);
        if (state.Get(StateStore.OptionalColumns) == text)
        {
            return false;
        }

        using var transaction = beginWrite();
        var readBefore = state.Get(StateStore.DossierWatermark) is not null;
        if (readBefore)
        {
            state.Set(StateStore.DossierWatermark, null);
        }

        state.Set(StateStore.OptionalColumns, text);

        // Which items are EXACT, and a column's figures even where every value is 0 (no count moves then), changed for
        // every date: the snapshots within the restatement horizon are restated.
        state.MarkRestateFrom(DateOnly.MinValue);
        transaction.Commit();
        return readBefore;
    }

    /// <summary>Moves the watermark to <paramref name="newest"/> if it is later; call inside the ingest transaction.</summary>
    public void Advance(DateTime newest)
    {
        var current = state.Get(StateStore.DossierWatermark);
        if (current is null || StoreFormat.ParseLocal(current) < newest)
        {
            state.Set(StateStore.DossierWatermark, StoreFormat.Local(newest));
        }
    }
}
