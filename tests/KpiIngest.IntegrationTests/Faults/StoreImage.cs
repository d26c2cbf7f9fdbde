using System.Globalization;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// What two stores that processed the same source must agree on, whatever crashed on the way (issue 6, "Crash
/// consistency"): kpi_snapshot but computed_at, kpi_alert but alert_id and notified_at, the active quarantine keys,
/// and, so that nothing is counted twice where no figure happens to show it, the internal facts and daily-pair
/// counts (pairs by unit and procedure, since pair ids are numbered in insertion order; a fact's pair number too), the late dossiers of
/// kpi_daily_overdue, the digests queued (recipient, Message-ID, status), and kpi_scorecard but computed_at (written
/// in the snapshot dates' transactions). kpi_run is bookkeeping and differs by design.
/// </summary>
public sealed record StoreImage(
    IReadOnlyList<StoredSnapshotRow> Snapshots,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<string> ActiveQuarantine,
    IReadOnlyList<string> Facts,
    IReadOnlyList<string> DailyPairs,
    IReadOnlyList<string> DailyOverdue,
    IReadOnlyList<string> Digests,
    IReadOnlyList<string> Scorecards)
{
    public static StoreImage Read(string storePath)
    {
        var store = new StoreQueries(storePath);
        return new StoreImage(
            [.. store.Snapshots().Select(s => s with { ComputedAt = null })],
            new AlertQueries(storePath).RawAlerts(),
            [.. store.ActiveQuarantine().Select(q => $"{q.Relation}|{q.RecordKey}")],
            // A fact's pair number shown as the pair it names: numbers follow insertion order, the pair must not.
            Lines(storePath,
                """
                SELECT f.dossier_id, f.unit_id, f.procedure_code, f.received_day, f.resolved_day, f.traits, f.updated_at, f.due_day,
                       p.unit_id, p.procedure_code
                FROM kpi_dossier_fact AS f LEFT JOIN kpi_pair AS p ON p.pair_id = f.pair_id
                ORDER BY f.dossier_id
                """),
            Lines(storePath,
                """
                SELECT p.unit_id, p.procedure_code, d.day, d.received, d.online, d.with_fee, d.with_fee_paid_online, d.digitized,
                       d.reused, d.paid_online, d.resolved, d.resolved_e_result, d.resolved_with_due, d.resolved_on_time,
                       d.received_e_result, d.digitized_e_result, d.synced, d.complaint, d.personal_storage, d.citizen_data
                FROM kpi_daily_pair AS d JOIN kpi_pair AS p ON p.pair_id = d.pair_id
                WHERE d.received <> 0 OR d.online <> 0 OR d.with_fee <> 0 OR d.with_fee_paid_online <> 0 OR d.digitized <> 0
                   OR d.reused <> 0 OR d.paid_online <> 0 OR d.resolved <> 0 OR d.resolved_e_result <> 0
                   OR d.resolved_with_due <> 0 OR d.resolved_on_time <> 0 OR d.received_e_result <> 0
                   OR d.digitized_e_result <> 0 OR d.synced <> 0 OR d.complaint <> 0 OR d.personal_storage <> 0
                   OR d.citizen_data <> 0
                ORDER BY p.unit_id, p.procedure_code, d.day
                """),
            Lines(storePath,
                """
                SELECT unit_id, received_day, due_day, overdue, overdue_with_complaint FROM kpi_daily_overdue
                WHERE overdue <> 0 OR overdue_with_complaint <> 0
                ORDER BY unit_id, received_day, due_day
                """),
            Lines(storePath, "SELECT recipient, message_id, status FROM kpi_outbox ORDER BY recipient, message_id"),
            [.. store.Scorecards().Select(s => (s with { ComputedAt = null }).ToString())]);
    }

    /// <summary>Asserts every part equal to <paramref name="expected"/>, naming the first difference of each.</summary>
    public void ShouldEqual(StoreImage expected, string context)
    {
        ArgumentNullException.ThrowIfNull(expected);
        this.ShouldSatisfyAllConditions(
            () => Same("kpi_snapshot (but computed_at)", Snapshots.Select(s => s.ToString()).ToList(), expected.Snapshots.Select(s => s.ToString()).ToList(), context),
            () => Same("kpi_alert (but alert_id and notified_at)", Alerts, expected.Alerts, context),
            () => Same("kpi_quarantine active keys", ActiveQuarantine, expected.ActiveQuarantine, context),
            () => Same("kpi_dossier_fact", Facts, expected.Facts, context),
            () => Same("kpi_daily_pair", DailyPairs, expected.DailyPairs, context),
            () => Same("kpi_daily_overdue", DailyOverdue, expected.DailyOverdue, context),
            () => Same("kpi_outbox (recipient, Message-ID, status)", Digests, expected.Digests, context),
            () => Same("kpi_scorecard (but computed_at)", Scorecards, expected.Scorecards, context));
    }

    /// <summary>The rows of one snapshot date, in key order, without computed_at.</summary>
    public IReadOnlyList<StoredSnapshotRow> Date(string snapshotDate) => [.. Snapshots.Where(s => s.SnapshotDate == snapshotDate)];

    private static void Same(string what, IReadOnlyList<string> actual, IReadOnlyList<string> expected, string context)
    {
        if (actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return;
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).Take(5).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).Take(5).ToList();
        throw new ShouldAssertException(
            $"{what} differs from the uninterrupted run ({actual.Count} rows, expected {expected.Count}).{Environment.NewLine}" +
            $"missing: {string.Join(Environment.NewLine + "  ", missing)}{Environment.NewLine}" +
            $"extra: {string.Join(Environment.NewLine + "  ", extra)}{Environment.NewLine}{context}");
    }

    internal static List<string> Lines(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return lines;
    }
}
