using System.Security.Cryptography;
using System.Text;
using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Charts;
using KpiIngest.Worker.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Turns this run's alert notices into one queued digest per recipient, inside the transaction that wrote
/// the alerts, so a transition is never recorded without its mail nor mailed without being recorded.
/// </summary>
public sealed class DigestOutbox(IOptions<EmailOptions> email, IOptions<ProvinceOptions> province, SourceClock clock, ReportingPeriods periods)
{
    private const int TrendLength = 30;
    private const int MissingPerUnit = 20;
    /// <summary>A level or province alert lists the units with the most missing procedures, not all of them.</summary>
    private const int MissingUnits = 5;

    private readonly RecipientRouter _router = new(email.Value.Recipients);

    /// <summary>Queues the digests; returns how many were queued.</summary>
    public int Enqueue(StoreSession store, long runId, IReadOnlyList<AlertNotice> notices)
    {
        if (notices.Count == 0)
        {
            return 0;
        }

        var routed = _router.Route(notices);
        if (routed.Count == 0)
        {
            return 0;
        }

        var units = store.Dimensions.LoadUnits().ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        var items = new Dictionary<long, DigestItem>();
        var queued = 0;

        // The alerts are folded straight after this run read the source, so the data reaches (about) now.
        var readUpTo = clock.LocalNow;
        foreach (var (recipient, routedNotices) in routed.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
        {
            var digestItems = routedNotices
                .Select(n => items.TryGetValue(n.AlertId, out var item) ? item : items[n.AlertId] = Describe(store, n, units))
                .ToList();
            var digest = new Digest(recipient, ProvinceName, clock.Today, digestItems, readUpTo, Score(store, routedNotices.Max(n => n.Alert.LastSeenOn)));
            var rendered = DigestRenderer.Render(digest);
            var message = new OutboxMessage
            {
                RunId = runId,
                Recipient = recipient,
                MessageId = MessageId(recipient, routedNotices),
                Subject = rendered.Subject,
                BodyHtml = rendered.Html,
                BodyText = rendered.Text,
            };
            var reports = routedNotices.Select(n => (n.AlertId, n.Alert.LastEvent.Text(), n.Alert.LastEventOn));
            if (store.Outbox.Enqueue(message, reports, clock.UtcNow) is not null)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>
    /// The province's estimate on the digest's date, for the first period alerted on that has scorecard rows (every kind
    /// but DAY; MTD by default), and its change since the previous day's total of the same period kind; null when the
    /// store has no scorecard total for it (the scorecard off, or snapshots computed before it).
    /// </summary>
    private DigestScore? Score(StoreSession store, DateOnly asOf)
    {
        var period = periods.Alerts.Concat(periods.Snapshots).Where(p => p != PeriodKind.Day).Cast<PeriodKind?>().FirstOrDefault();
        if (period is not { } kind || ScorecardReadings.ProvinceTotal(store, asOf, kind) is not { } total)
        {
            return null;
        }

        var previous = ScorecardReadings.ProvinceTotal(store, asOf.AddDays(-1), kind);
        return new DigestScore(total.Points, total.KnownMaxPoints, total.Points - previous?.Points);
    }

    private string ProvinceName => string.IsNullOrWhiteSpace(province.Value.Name) ? "Tỉnh" : province.Value.Name;

    /// <summary>
    /// Stable for a recipient and the transitions it reports, so the one resend a crash can cause carries the
    /// same Message-ID and mail systems can tell it is the same message.
    /// </summary>
    public static string MessageId(string recipient, IEnumerable<AlertNotice> notices)
    {
        var identity = new StringBuilder(recipient.ToUpperInvariant());
        foreach (var key in notices.Select(n => Identity(n.Alert)).Order(StringComparer.Ordinal))
        {
            identity.Append('\n').Append(key);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())))[..32];
        return $"<{hash}@kpi-ingest>";
    }

    private static string Identity(Alert alert) =>
        string.Join('|', alert.Key.Indicator.Text(), alert.Key.Scope.Text(), alert.Key.ScopeId, alert.Key.Period.Text(),
            StoreFormat.Day(alert.Key.PeriodStart), alert.LastEvent.Text(), StoreFormat.Day(alert.LastEventOn));

    private DigestItem Describe(StoreSession store, AlertNotice notice, IReadOnlyDictionary<string, Unit> units)
    {
        var alert = notice.Alert;
        var key = alert.Key;
        var scopeName = key.Scope switch
        {
            ScopeKind.Province => $"Toàn tỉnh — {ProvinceName}",
            ScopeKind.Level => ScopeKinds.LevelName(alert.Level ?? 0),
            _ => units.TryGetValue(key.ScopeId, out var unit) ? unit.Name : key.ScopeId,
        };
        var trend = store.Snapshots.Trend(key.Period, key.Scope, key.ScopeId, key.Indicator, alert.LastSeenOn, TrendLength);
        var (missing, total) = key.Indicator is IndicatorCode.OnlineServiceUsed or IndicatorCode.OnlinePaymentUsed
            ? MissingProcedures(store, alert, units)
            : ([], 0);
        return new DigestItem(notice, scopeName, trend, missing, total, Chart(store, alert, scopeName));
    }

    /// <summary>
    /// The alert's indicator in its scope, day by day, over its period up to the alert's date, reaching back at least
    /// <see cref="TrendLength"/> days so that a young month-to-date alert still shows how the previous month ended.
    /// </summary>
    private static TrendChart Chart(StoreSession store, Alert alert, string scopeName)
    {
        var key = alert.Key;
        var to = alert.LastSeenOn;
        var from = DateOnly.FromDayNumber(Math.Min(key.PeriodStart.DayNumber, to.AddDays(1 - TrendLength).DayNumber));
        var series = TrendSeries.Read(store, key.Period, key.Scope, key.ScopeId, key.Indicator, from, to);
        return new TrendChart($"{IndicatorCatalog.Get(key.Indicator).NameVi} — {scopeName}", series);
    }

    /// <summary>Catalog pairs in the alert's scope still lacking an online dossier (6) or payment (7) this period.</summary>
    private static (IReadOnlyList<MissingProcedure> Missing, int Total) MissingProcedures(
        StoreSession store, Alert alert, IReadOnlyDictionary<string, Unit> units)
    {
        var key = alert.Key;
        var missing = OnlineGaps.Missing(store, key.Indicator == IndicatorCode.OnlinePaymentUsed, key.PeriodStart, alert.LastSeenOn, units,
            unit => key.Scope switch
            {
                ScopeKind.Unit => unit.UnitId == key.ScopeId,
                ScopeKind.Level => unit.Level == alert.Level,
                _ => true,
            });
        var shown = missing.GroupBy(p => p.UnitId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MissingUnits)
            .SelectMany(g => g.OrderBy(p => p.ProcedureCode, StringComparer.Ordinal).Take(MissingPerUnit))
            .Select(p => new MissingProcedure(p.UnitId, units[p.UnitId].Name, p.ProcedureCode,
                string.IsNullOrEmpty(p.ProcedureName) ? p.ProcedureCode : p.ProcedureName))
            .ToList();
        return (shown, missing.Count);
    }
}
