using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;

namespace KpiIngest.Worker.Service;

/// <summary>The answer of /health/ready: ready or not, and the JSON that says why.</summary>
public sealed record Readiness(bool Ready, string Json);

/// <summary>
/// What /health/ready and /metrics report, read from the store and the source at each request (so a CLI run or
/// another instance shows too). The store is opened read-only; the source through the configured reader.
/// </summary>
public sealed class ServiceStatus(StoreDatabase storeDatabase, SourceReaders sources, TimeProvider time)
{
    private static readonly string[] Relations = ["src_dossier", "src_procedure", "src_unit"];
    private static readonly string[] Severities = ["CRITICAL", "WARNING"];

    /// <summary>Not ready when the latest run failed (a stop does not count), or the source or the store does not answer.</summary>
    public Readiness Ready()
    {
        var now = time.GetUtcNow();
        RunRecord? lastRun = null;
        var store = Check(() =>
        {
            using var store = StoreReading.Open(storeDatabase);
            lastRun = store.Runs.LatestFinished(1) is [var latest, ..] ? latest : null;
        });
        var source = Check(() =>
        {
            using var reader = sources.OpenForCheck();
            _ = reader.DescribeRelations();
        });
        var runFailed = lastRun is { Status: "FAILED" or "ABANDONED" }
            && !(lastRun.Error ?? "").StartsWith(OpsWatch.StoppedPrefix, StringComparison.Ordinal);
        var ready = store is null && source is null && !runFailed;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", ready ? "ready" : "not ready");
            json.WriteString("checkedAt", StoreFormatUtc(now));
            json.WritePropertyName("lastRun");
            if (lastRun is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStartObject();
                json.WriteNumber("runId", lastRun.RunId);
                json.WriteString("kind", lastRun.Kind);
                json.WriteString("status", lastRun.Status);
                json.WriteString("finishedAt", lastRun.FinishedAt is { } at ? StoreFormatUtc(at) : null);
                json.WriteNumber("ageSeconds", Math.Round(((lastRun.FinishedAt ?? lastRun.StartedAt) - now).Duration().TotalSeconds, 1));
                json.WriteNumber("durationSeconds", Math.Round(lastRun.Duration?.TotalSeconds ?? 0, 3));
                json.WriteString("error", lastRun.Error);
                json.WriteEndObject();
            }

            WriteCheck(json, "store", store);
            WriteCheck(json, "source", source);
            json.WriteEndObject();
        }

        return new Readiness(ready, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Prometheus text exposition format 0.0.4. Store figures are gauges: retention may lower them.</summary>
    public string Metrics()
    {
        var text = new PrometheusText();
        text.Gauge("kpi_ingest_up", "1 while the service process runs.", 1);
        try
        {
            using var store = StoreReading.Open(storeDatabase);
            var history = store.Runs;
            var service = store.Service;
            text.Gauge("kpi_ingest_store_up", "1 when the store answered this scrape.", 1);
            text.Gauges("kpi_ingest_runs", "Runs recorded in kpi_run (kept for Retention:RunsDays), by kind and status.",
                history.CountByKindAndStatus().Select(r => (Labels(("kind", r.Kind), ("status", r.Status)), (double)r.Count)));
            var latest = history.LatestFinishedPerKind();
            text.Gauges("kpi_ingest_last_run_duration_seconds", "Duration of the latest finished run of each kind.",
                latest.Select(r => (Labels(("kind", r.Kind), ("status", r.Status)), r.Duration?.TotalSeconds ?? 0)));
            text.Gauges("kpi_ingest_last_run_finished_timestamp_seconds", "When the latest finished run of each kind ended (Unix time).",
                latest.Select(r => (Labels(("kind", r.Kind), ("status", r.Status)), Unix(r.FinishedAt ?? r.StartedAt))));
            text.Gauges("kpi_ingest_last_run_succeeded", "1 when the latest finished run of each kind SUCCEEDED, else 0.",
                latest.Select(r => (Labels(("kind", r.Kind)), r.Status == "SUCCEEDED" ? 1.0 : 0.0)));
            text.Gauges("kpi_ingest_last_run_dossiers_read", "Source dossier rows read by the latest finished run of each kind.",
                latest.Select(r => (Labels(("kind", r.Kind)), (double)r.DossiersRead)));
            text.Gauges("kpi_ingest_last_run_dossiers_upserted", "Dossiers ingested (inserted or changed) by the latest finished run of each kind.",
                latest.Select(r => (Labels(("kind", r.Kind)), (double)r.DossiersUpserted)));
            text.Gauges("kpi_ingest_last_success_timestamp_seconds", "When the latest SUCCEEDED run of each kind ended (Unix time).",
                history.LastSucceededPerKind().Select(r => (Labels(("kind", r.Kind)), Unix(r.FinishedAt))));
            text.Gauge("kpi_ingest_dossiers", "Dossiers counted in the store (kpi_dossier_fact).", service.CountDossiers());
            var quarantined = service.CountQuarantinedByRelation().ToDictionary(q => q.Relation, q => q.Count, StringComparer.Ordinal);
            text.Gauges("kpi_ingest_quarantined", "Source rows in quarantine now (kpi_quarantine, not cleared), by relation.",
                Relations.Union(quarantined.Keys, StringComparer.Ordinal)
                    .Select(r => (Labels(("relation", r)), (double)quarantined.GetValueOrDefault(r))));
            var alerts = service.CountOpenAlertsBySeverity().ToDictionary(a => a.Severity, a => a.Count, StringComparer.Ordinal);
            text.Gauges("kpi_ingest_alerts_open", "OPEN alerts (kpi_alert) by severity.",
                Severities.Union(alerts.Keys, StringComparer.Ordinal)
                    .Select(s => (Labels(("severity", s)), (double)alerts.GetValueOrDefault(s))));
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or IOException)
        {
            text.Gauge("kpi_ingest_store_up", "1 when the store answered this scrape.", 0);
        }

        return text.ToString();
    }

    /// <summary>Null when the check passed, else the reason (never a secret: RunErrors keeps to type and message).</summary>
    private static string? Check(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return RunErrors.Describe(error);
        }
    }

    private static void WriteCheck(Utf8JsonWriter json, string name, string? error)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("ok", error is null);
        json.WriteString("error", error);
        json.WriteEndObject();
    }

    private static string StoreFormatUtc(DateTimeOffset at) => KpiIngest.Data.StoreFormat.Utc(at);

    private static double Unix(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private static (string Name, string Value)[] Labels(params (string Name, string Value)[] labels) => labels;
}

/// <summary>A little writer of the Prometheus text format: HELP and TYPE once per family, escaped label values.</summary>
internal sealed class PrometheusText
{
    private readonly StringBuilder _text = new();

    public void Gauge(string name, string help, double value) => Gauges(name, help, [([], value)]);

    public void Gauges(string name, string help, IEnumerable<((string Name, string Value)[] Labels, double Value)> samples)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in samples)
        {
            _text.Append(name);
            if (labels.Length > 0)
            {
                _text.Append('{')
                    .AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""))
                    .Append('}');
            }

            _text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    public override string ToString() => _text.ToString();

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
