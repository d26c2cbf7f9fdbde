using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Service;

/// <summary>
/// First at start: one line saying what this service works on (connection strings without secrets), then the store
/// upgraded before any job. A store that cannot be opened is logged, not fatal: the jobs retry on their schedule.
/// </summary>
public sealed class ServiceBanner(KpiSettings settings, TimeProvider time, ILogger<ServiceBanner> logger) : IHostedService
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
            settings.ContentRoot,
            settings.Source.Provider, ConnectionStrings.Redact(settings.SourceConnectionString),
            settings.Store.Provider, ConnectionStrings.Redact(settings.StoreConnectionString),
            settings.TimeZone.Id, settings.Schedule.Poll, settings.Schedule.DayClose, settings.Schedule.Reconcile,
            settings.Service.Health.Enabled ? settings.Service.Health.Urls : "off");
        try
        {
            using var store = StoreSession.Open(settings.StoreDatabase, time);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogError("The store cannot be opened yet: {Reason}; the jobs will try again on their schedule", RunErrors.Describe(error));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
