using System.Text.RegularExpressions;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Targets;
using KpiIngest.Data.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// The configuration as options: each section bound to its options type with its own validator, and the values
/// resolved from them registered once, each with one owner: <see cref="SourceClock"/> the source time zone,
/// <see cref="SourceDatabase"/> and <see cref="StoreDatabase"/> the resolved connection strings,
/// <see cref="ReportingPeriods"/> the period lists, <see cref="TargetBook"/> the targets, <see cref="EnteredPoints"/> the
/// scorecard's entered points. The content root is the
/// host's (IHostEnvironment.ContentRootPath).
/// </summary>
public static class KpiOptions
{
    public static IServiceCollection AddKpiOptions(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Section<SourceOptions, SourceOptionsValidator>(services, configuration, SourceOptions.Section);
        Section<StoreOptions, StoreOptionsValidator>(services, configuration, StoreOptions.Section);
        Section<ScheduleOptions, ScheduleOptionsValidator>(services, configuration, ScheduleOptions.Section);
        services.AddOptions<ProvinceOptions>().Bind(configuration.GetSection(ProvinceOptions.Section));
        Section<SnapshotsOptions, SnapshotsOptionsValidator>(services, configuration, SnapshotsOptions.Section);
        Section<AlertsOptions, AlertsOptionsValidator>(services, configuration, AlertsOptions.Section);
        Section<RetentionOptions, RetentionOptionsValidator>(services, configuration, RetentionOptions.Section);
        Section<ServiceOptions, ServiceOptionsValidator>(services, configuration, ServiceOptions.Section);
        Section<EmailOptions, EmailOptionsValidator>(services, configuration, EmailOptions.Section);
        Section<TargetsOptions, TargetsOptionsValidator>(services, configuration, TargetsOptions.Section);
        Section<ScorecardOptions, ScorecardOptionsValidator>(services, configuration, ScorecardOptions.Section);

        services.AddSingleton(sp => new SourceClock(sp.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<SourceOptions>>().Value.TimeZone)));
        services.AddSingleton(sp => SourceDatabase.From(sp.GetRequiredService<IOptions<SourceOptions>>(), contentRoot));
        services.AddSingleton(sp => StoreDatabases.From(sp.GetRequiredService<IOptions<StoreOptions>>(), contentRoot));
        services.AddSingleton(sp => ReportingPeriods.From(
            sp.GetRequiredService<IOptions<SnapshotsOptions>>(), sp.GetRequiredService<IOptions<AlertsOptions>>()));
        services.AddSingleton(sp => TargetBooks.From(sp.GetRequiredService<IOptions<TargetsOptions>>()));
        services.AddSingleton(sp => new EnteredPoints(sp.GetRequiredService<IOptions<ScorecardOptions>>().Value.Entered));
        return services;
    }

    /// <summary>
    /// Checks, in order, the sections a verb uses: first each one's raw values against its type
    /// (<see cref="ConfigurationShape"/>), then its validator. Throws <see cref="ConfigurationException"/> with the
    /// first bad key's sentence; sections the verb does not use are not looked at.
    /// </summary>
    public static void Check(IServiceProvider services, IConfiguration configuration, ConfigurationNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        foreach (var section in needs.Sections)
        {
            section.Check(services, configuration);
        }
    }

    /// <summary>
    /// The options alone, on a provider of their own, checked for <paramref name="needs"/>: for composition that
    /// depends on configured values (the service's schedules) before the host exists. The caller disposes it.
    /// </summary>
    public static ServiceProvider Checked(IConfiguration configuration, string contentRoot, ConfigurationNeeds needs)
    {
        var provider = new ServiceCollection()
            .AddSingleton(configuration)
            .AddSingleton(TimeProvider.System)
            .AddKpiOptions(configuration, contentRoot)
            .BuildServiceProvider();
        try
        {
            Check(provider, configuration, needs);
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The first failure of a validation that failed, as the one sentence to report.</summary>
    public static ConfigurationException FirstFailure(OptionsValidationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ConfigurationException(error.Failures.FirstOrDefault() ?? error.Message);
    }

    private static void Section<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        // ValidateOnStart: the service refuses to start on a bad section even if nothing resolved it before.
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}

/// <summary>One section a verb uses: its shape, then its validation.</summary>
public sealed partial class SectionNeed<TOptions>(string section) : ISectionNeed
    where TOptions : class
{
    public void Check(IServiceProvider services, IConfiguration configuration)
    {
        if (ConfigurationShape.FirstError<TOptions>(configuration, section) is { } misfit)
        {
            throw new ConfigurationException(misfit);
        }

        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException failure)
        {
            throw KpiOptions.FirstFailure(failure);
        }
        catch (InvalidOperationException error)
        {
            // The shape check reads values as the binder does, so this is a safety net: the binder names the key in
            // its message ("... at 'Source:BatchSize' ..."); the value itself is left out (it may be a secret).
            var key = BinderKey().Match(error.Message);
            throw new ConfigurationException(key.Success
                ? $"{key.Groups[1].Value} has a value of the wrong type for that setting."
                : $"The {section} section has a value of the wrong type for one of its settings.");
        }
    }

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex BinderKey();
}

public interface ISectionNeed
{
    void Check(IServiceProvider services, IConfiguration configuration);
}

/// <summary>
/// Which sections a verb reads (issue #14: each verb checks only what it uses). `report` and `migrate` never touch
/// the source, so they work with no Source settings at all; `check-source` never touches the store.
/// </summary>
public sealed class ConfigurationNeeds(params ISectionNeed[] sections)
{
    private static readonly ISectionNeed Source = new SectionNeed<SourceOptions>(SourceOptions.Section);
    private static readonly ISectionNeed Store = new SectionNeed<StoreOptions>(StoreOptions.Section);
    private static readonly ISectionNeed Schedule = new SectionNeed<ScheduleOptions>(ScheduleOptions.Section);
    private static readonly ISectionNeed Province = new SectionNeed<ProvinceOptions>(ProvinceOptions.Section);
    private static readonly ISectionNeed Snapshots = new SectionNeed<SnapshotsOptions>(SnapshotsOptions.Section);
    private static readonly ISectionNeed Alerts = new SectionNeed<AlertsOptions>(AlertsOptions.Section);
    private static readonly ISectionNeed Retention = new SectionNeed<RetentionOptions>(RetentionOptions.Section);
    private static readonly ISectionNeed Service = new SectionNeed<ServiceOptions>(ServiceOptions.Section);
    private static readonly ISectionNeed Email = new SectionNeed<EmailOptions>(EmailOptions.Section);
    private static readonly ISectionNeed Targets = new SectionNeed<TargetsOptions>(TargetsOptions.Section);
    private static readonly ISectionNeed Scorecard = new SectionNeed<ScorecardOptions>(ScorecardOptions.Section);

    /// <summary>Runs (once, backfill, reconcile, demo) and the service: every section.</summary>
    public static ConfigurationNeeds Everything { get; } =
        new(Source, Store, Schedule, Province, Snapshots, Alerts, Retention, Service, Email, Targets, Scorecard);

    /// <summary>`migrate`: the store only.</summary>
    public static ConfigurationNeeds StoreOnly { get; } = new(Store);

    /// <summary>
    /// `report`: the store, the province's name, what decides a miss (Alerts with the periods it refers to), and the
    /// scorecard's settings (`--scorecard`).
    /// </summary>
    public static ConfigurationNeeds Report { get; } = new(Store, Province, Snapshots, Alerts, Scorecard);

    /// <summary>`check-source`: the source only.</summary>
    public static ConfigurationNeeds SourceOnly { get; } = new(Source);

    public IReadOnlyList<ISectionNeed> Sections { get; } = sections;
}
