using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Reports.Overview;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Service;

/// <summary>
/// The optional HTTP endpoint (Service:Health:Enabled): /health/live, /health/ready, /metrics and the dashboard on Kestrel, as a
/// small web application of its own beside the service host, so the service stays a plain worker when it is off.
/// </summary>
public sealed class HealthEndpoint(
    IOptions<ServiceOptions> service, IHostEnvironment environment, ServiceStatus status, StoreDatabase store, OverviewReader overview, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ILogger _logger = loggers.CreateLogger<HealthEndpoint>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = ServiceSettingsCheck.HealthUrls(service.Value.Health);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = environment.ContentRootPath });
        builder.WebHost.UseKestrelCore().UseUrls([.. urls]);
        builder.Services.AddRoutingCore();
        builder.Logging.AddProvider(new ForwardingProvider(loggers));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Text("live\n", "text/plain; charset=utf-8"));
        app.MapGet("/health/ready", () =>
        {
            var readiness = status.Ready();
            return Results.Text(readiness.Json, "application/json; charset=utf-8", statusCode: readiness.Ready ? 200 : 503);
        });
        app.MapGet("/metrics", () => Results.Text(status.Metrics(), PrometheusContentType));
        var access = new DashboardAccess(service.Value.Health);
        DashboardRoutes.Map(app, access, store, overview);
        await app.StartAsync(cancellationToken);
        _app = app;
        _logger.LogInformation("Health and metrics: {Urls} (/health/live, /health/ready, /metrics)", string.Join(", ", urls));
        _logger.LogInformation("Dashboard: {Urls} (/, /unit/{{id}}); {Access}", string.Join(", ", urls), access.Description);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Sends the web application's log events to the service's Serilog logger.</summary>
    private sealed class ForwardingProvider(ILoggerFactory target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

        public void Dispose()
        {
            // The service host owns the target factory.
        }
    }
}
