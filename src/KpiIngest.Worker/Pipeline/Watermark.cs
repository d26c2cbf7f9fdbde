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
