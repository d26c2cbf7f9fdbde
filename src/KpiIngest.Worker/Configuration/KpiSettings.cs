using KpiIngest.Core.Periods;
using KpiIngest.Core.Targets;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// The whole configuration, checked and resolved once at start: time zone found, periods parsed, target
/// sets built, relative SQLite paths made absolute against the content root.
/// </summary>
public sealed record KpiSettings(
    SourceOptions Source,
    StoreOptions Store,
    ScheduleOptions Schedule,
    ProvinceOptions Province,
    SnapshotsOptions Snapshots,
    AlertsOptions Alerts,
    RetentionOptions Retention,
    ServiceOptions Service,
    EmailOptions Email,
    TimeZoneInfo TimeZone,
    IReadOnlyList<PeriodKind> SnapshotPeriods,
    IReadOnlyList<PeriodKind> AlertPeriods,
    TargetBook Targets,
    string SourceConnectionString,
    string StoreConnectionString,
    string ContentRoot)
{
    /// <summary>The store's engine and connection (Store:Provider, Store:ConnectionString, Store:Schema).</summary>
    public StoreDatabase StoreDatabase => StoreDatabase.For(Store.Provider, StoreConnectionString, Store.Schema);
}
