using KpiIngest.Core.Snapshots;
using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Email:Recipients routing (indicators.md, "Alerts"): a PROVINCE route receives every alert, a LEVEL route
/// its level's alerts and its units', a UNIT route its own unit's only, an OPS route the service's failures.
/// An address listed in several routes gets one digest with the union.
/// </summary>
public sealed class RecipientRouter(IReadOnlyList<RecipientRoute> routes)
{
    public IReadOnlyList<string> OpsAddresses { get; } =
        [.. routes.Where(r => r.Scope == "OPS").SelectMany(r => r.To).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Each recipient address with the notices routed to it, in the order given.</summary>
    public IReadOnlyDictionary<string, List<AlertNotice>> Route(IReadOnlyList<AlertNotice> notices)
    {
        var byRecipient = new Dictionary<string, List<AlertNotice>>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            var matching = notices.Where(n => Matches(route, n)).ToList();
            if (matching.Count == 0)
            {
                continue;
            }

            foreach (var address in route.To)
            {
                if (!byRecipient.TryGetValue(address, out var list))
                {
                    byRecipient[address] = list = [];
                }

                list.AddRange(matching.Where(n => !list.Contains(n)));
            }
        }

        return byRecipient;
    }

    public static bool Matches(RecipientRoute route, AlertNotice notice)
    {
        var key = notice.Alert.Key;
        return route.Scope switch
        {
            "PROVINCE" => true,
            "LEVEL" => key.Scope != ScopeKind.Province && notice.Alert.Level?.ToString(System.Globalization.CultureInfo.InvariantCulture) == route.Id,
            "UNIT" => key.Scope == ScopeKind.Unit && string.Equals(key.ScopeId, route.Id, StringComparison.Ordinal),
            _ => false,
        };
    }
}
