using KpiIngest.Core.Periods;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace KpiIngest.Worker.Service;

/// <summary>
/// First at start: one line saying what this service works on (connection strings without secrets), then the store
/// upgraded before any job. A store that cannot be opened is logged, not fatal: the jobs retry on their schedule.
/// Once every hosted service has started (the scheduler last), one more line with the next poll: it is written just
/// before the host reports itself started, which is when a service manager is told the service is ready (systemd's
/// READY=1, the Windows SCM's RUNNING).
/// </summary>
public sealed class ServiceBanner(
    IOptions<SourceOptions> source, IOptions<StoreOptions> store, IOptions<ScheduleOptions> schedule, IOptions<ServiceOptions> service,
    SourceDatabase sourceDatabase, StoreDatabase storeDatabase, SourceClock clock, IHostEnvironment environment, StoreUpgrade upgrade, ISchedulerFactory schedulers, ILogger<ServiceBanner> logger) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "KpiIngest service starting ({Manager}, content root {ContentRoot}): source {SourceProvider} '{Source}', store {StoreProvider} '{Store}'; " +
            "schedule in {Zone}: poll '{Poll}', day-close '{DayClose}', reconcile '{Reconcile}'; health endpoint {Health}",
            ContentRoot.DetectManager(ContentRoot.CurrentProcess()) switch
            {
                ServiceManager.Systemd => "under systemd",
                ServiceManager.WindowsService => "as a Windows service",
                _ => "in a console",
            },
            environment.ContentRootPath,
            source.Value.Provider, ConnectionStrings.Redact(sourceDatabase.ConnectionString),
            store.Value.Provider, ConnectionStrings.Redact(storeDatabase.ConnectionString),
            clock.Zone.Id, schedule.Value.Poll, schedule.Value.DayClose, schedule.Value.Reconcile,
            service.Value.Health.Enabled ? service.Value.Health.Urls : "off");
        try
        {
            upgrade.EnsureCurrent();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogError("The store cannot be opened yet: {Reason}; the jobs will try again on their schedule", RunErrors.Describe(error));
        }

        return Task.CompletedTask;
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var poll = await scheduler.GetTrigger(new TriggerKey("poll"), cancellationToken);
        var next = poll?.NextFireTimeUtc is { } at
            ? TimeZoneInfo.ConvertTime(at, clock.Zone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)
            : "none";
        var status = await scheduler.GetStatus(cancellationToken);
        logger.LogInformation("KpiIngest service ready: scheduler {Status:l}, next poll at {NextPoll:l}", status.ToString(), next);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
