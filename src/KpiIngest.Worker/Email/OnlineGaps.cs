using KpiIngest.Core.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Email;

/// <summary>
/// The catalog pairs still without an online dossier (indicator 6) or an online payment (indicator 7) in a span: what
/// the digest and the overview list as the procedures to work on.
/// </summary>
public static class OnlineGaps
{
    /// <summary>
    /// Pairs offered online (or with online payment, when <paramref name="payment"/>) of units active during
    /// [<paramref name="from"/>, <paramref name="to"/>] and within <paramref name="inScope"/>, with none used in the span.
    /// </summary>
    public static IReadOnlyList<CatalogPair> Missing(
        StoreSession store, bool payment, DateOnly from, DateOnly to, IReadOnlyDictionary<string, Unit> units, Func<Unit, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(inScope);
        var used = payment
            ? store.DailyPairs.PairsWithOnlinePayment(from, to)
            : store.DailyPairs.PairsWithOnlineDossier(from, to);
        return store.Dimensions.LoadCatalog()
            .Where(p => payment ? p.OffersOnlinePayment : p.IsOnlineService)
            .Where(p => units.TryGetValue(p.UnitId, out var unit) && unit.IsActiveDuring(from, to) && inScope(unit))
            .Where(p => !used.Contains(p.Key))
            .ToList();
    }
}
