using KpiIngest.Data;

namespace KpiIngest.Worker.Configuration;

/// <summary>Section Source: where the three contract relations are read from (operations.md).</summary>
public sealed class SourceOptions
{
    public const string Section = "Source";

    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>Schema holding the contract views on SQL Server (dbo) and PostgreSQL (public).</summary>
    public string? Schema { get; set; }

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>How far before the watermark each poll starts again, so rows committed late are not missed.</summary>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per page read from src_dossier.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// Rows read after which the store transaction commits (consecutive pages share one; a page is never split). A
    /// first ingest commits far less often, and a crash or source failure re-reads at most this many rows.
    /// </summary>
    public int TransactionRows { get; set; } = 20_000;

    /// <summary>
    /// True: a store's very first read takes every dossier in one statement, in the source's own order, several times
    /// faster than keyset pages (SQLite and PostgreSQL sources; SQL Server always reads pages). False: in keyset pages,
    /// each a short statement retried on its own, for a production database where a statement of minutes is unwelcome.
    /// </summary>
    public bool FirstIngestScan { get; set; } = true;

    /// <summary>How a transient source fault (a lock, a timeout, a dropped connection) is retried within one run.</summary>
    public SourceRetryOptions Retry { get; set; } = new();
}

/// <summary>
/// Section Source:Retry: a failed source call is tried again up to MaxRetries times, after Delay, then about twice
/// Delay, four times ... (exponential backoff with jitter), so a source back within about Delay × (2^MaxRetries − 1)
/// lets the run go on; after that the run fails and the schedule brings the next one.
/// </summary>
public sealed class SourceRetryOptions
{
    public int MaxRetries { get; set; } = 3;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Section Store: where KpiIngest writes (store.md).</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/kpi.db";

    public string Schema { get; set; } = "kpi";
}

/// <summary>The values of Source:Provider and Store:Provider: the names of Data's one engine list.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = nameof(DbEngine.Sqlite);
    public const string SqlServer = nameof(DbEngine.SqlServer);
    public const string PostgreSql = nameof(DbEngine.PostgreSql);

    public static IReadOnlyList<string> All => DbEngines.Names;
}

/// <summary>Section Schedule: Quartz cron expressions with seconds, evaluated in Source:TimeZone.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    public string Poll { get; set; } = "0 0/15 * * * ?";

    public string DayClose { get; set; } = "0 30 0 * * ?";

    public string Reconcile { get; set; } = "0 0 2 ? * SUN";
}

/// <summary>Section Province: the name and code shown in reports and digests.</summary>
public sealed class ProvinceOptions
{
    public const string Section = "Province";

    public string Name { get; set; } = "";

    public string Code { get; set; } = "";
}

/// <summary>Section Snapshots: which periods are computed and how far back changes restate them.</summary>
public sealed class SnapshotsOptions
{
    public const string Section = "Snapshots";

    /// <summary>Bound as given; empty means the default DAY, MTD, YTD (a configured list replaces it).</summary>
    public List<string> Periods { get; set; } = [];

    /// <summary>Restatement horizon: from the first day of the month this many months back.</summary>
    public int RestateMonths { get; set; } = 1;
}

/// <summary>Section Alerts (indicators.md, "Alerts").</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Empty means the default MTD.</summary>
    public List<string> Periods { get; set; } = [];

    public long MinDenominator { get; set; } = 10;

    public decimal CriticalGapPoints { get; set; } = 10;
}

/// <summary>Section Retention (operations.md).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public int DailyRowsDays { get; set; } = 400;

    public int RunsDays { get; set; } = 180;

    public int QuarantineClearedDays { get; set; } = 90;
}
