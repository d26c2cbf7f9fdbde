using KpiIngest.Core.Periods;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace KpiIngest.Worker.Service;

/// <summary>
/// The unattended service (`kpi-ingest run`, or no verb): Quartz jobs for poll, day-close and reconcile on the
/// configured cron schedules in Source:TimeZone, make-up runs at start, the OPS watch, the optional health endpoint,
/// and a clean stop within Service:StopTimeout.
/// </summary>
public static class KpiService
{
    /// <summary>
    /// Registers the service on a builder that already has KpiHost.AddKpiIngest. The schedules, the stop timeout and
    /// the health switch shape what is registered, so every section is checked first (throws
    /// <see cref="ConfigurationException"/>); ValidateOnStart checks them again as the host starts.
    /// </summary>
    public static void AddKpiService(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        using var options = KpiOptions.Checked(builder.Configuration, builder.Environment.ContentRootPath, ConfigurationNeeds.Everything);
        var schedule = options.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        var service = options.GetRequiredService<IOptions<ServiceOptions>>().Value;
        var zone = options.GetRequiredService<SourceClock>().Zone;
        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = service.StopTimeout);
        services.AddSingleton(sp => new MakeUpPlanner(
            sp.GetRequiredService<TimeProvider>(), zone, schedule.DayClose, schedule.Poll));
        services.TryAddSingleton<IOpsNotifier, LoggingOpsNotifier>();
        services.AddSingleton<OpsMonitor>();
        services.AddSingleton<ServiceJobs>();
        services.AddSingleton<ServiceStopping>();

        // Hosted services start in this order: the banner (and store upgrade) first, the scheduler last.
        services.AddHostedService<ServiceBanner>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceStopping>());
        if (service.Health.Enabled)
        {
            services.AddSingleton<ServiceStatus>();
            services.AddHostedService<HealthEndpoint>();
        }

        services.AddScoped<MakeUpJob>();
        services.AddScoped<PollJob>();
        services.AddScoped<DayCloseJob>();
        services.AddScoped<ReconcileJob>();
        builder.AddQuartz(quartz =>
        {
            // One job at a time in this process; the run lease extends that to every process sharing the store.
            quartz.UseDefaultThreadPool(1);
            quartz.ScheduleJob<MakeUpJob>(
                trigger => trigger.WithIdentity("make-up").WithPriority(10).StartNow(),
                job => job.WithIdentity("make-up"));
            Schedule<PollJob>(quartz, "poll", schedule.Poll, zone);
            Schedule<DayCloseJob>(quartz, "day-close", schedule.DayClose, zone);
            Schedule<ReconcileJob>(quartz, "reconcile", schedule.Reconcile, zone);
        });
        builder.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;

            // Start the scheduler inside the host's start, not after it: the host reports itself started (systemd's
            // READY=1, the Windows SCM's RUNNING) only once every hosted service has started, so "ready" then means
            // the scheduler runs. Quartz's default would start it only after the host said it was ready.
            options.AwaitApplicationStarted = false;
        });

        // One build for every host: each of these does nothing unless its own service manager started the process.
        // Under systemd (Type=notify) READY=1 goes out once every hosted service has started, the scheduler last,
        // and STOPPING=1 as soon as SIGTERM arrives; under the Windows SCM, start and stop are answered the same way.
        if (OperatingSystem.IsWindows())
        {
            services.AddWindowsService(options => options.ServiceName = "kpi-ingest");
        }

        services.AddSystemd();
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, string name, string cron, TimeZoneInfo zone)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(name).WithCronSchedule(cron, schedule => schedule.InTimeZone(zone)),
            job => job.WithIdentity(name));
}
