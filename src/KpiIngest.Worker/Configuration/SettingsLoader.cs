using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Targets;
using KpiIngest.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Quartz;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// Binds and checks every section, throwing <see cref="ConfigurationException"/> with one sentence naming the
/// first bad key. Values are never echoed for keys that may hold secrets.
/// </summary>
public static partial class SettingsLoader
{
    public static KpiSettings Load(IConfiguration configuration, string contentRoot)
    {
        var source = Bind<SourceOptions>(configuration, SourceOptions.Section);
        var store = Bind<StoreOptions>(configuration, StoreOptions.Section);
        var schedule = Bind<ScheduleOptions>(configuration, ScheduleOptions.Section);
        var province = Bind<ProvinceOptions>(configuration, ProvinceOptions.Section);
        var snapshots = Bind<SnapshotsOptions>(configuration, SnapshotsOptions.Section);
        var alerts = Bind<AlertsOptions>(configuration, AlertsOptions.Section);
        var retention = Bind<RetentionOptions>(configuration, RetentionOptions.Section);
        var service = Bind<ServiceOptions>(configuration, ServiceOptions.Section);
        var email = Bind<EmailOptions>(configuration, EmailOptions.Section);
        var targets = Bind<TargetsOptions>(configuration, TargetsOptions.Section);

        CheckProvider(source.Provider, "Source:Provider");
        CheckProvider(store.Provider, "Store:Provider");

        Require(!string.IsNullOrWhiteSpace(source.ConnectionString), "Source:ConnectionString is empty: set the connection string of the source database.");
        Require(!string.IsNullOrWhiteSpace(store.ConnectionString), "Store:ConnectionString is empty: set the connection string of the KPI store.");
        CheckConnectionString(source.Provider, source.ConnectionString, "Source:ConnectionString");
        CheckConnectionString(store.Provider, store.ConnectionString, "Store:ConnectionString");
        CheckSchema(source.Schema, "Source:Schema");
        CheckSchema(store.Schema, "Store:Schema");
        Require(TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var zone),
            $"Source:TimeZone '{source.TimeZone}' is not a time zone known to this machine (for example Asia/Ho_Chi_Minh).");
        Require(source.PollOverlap >= TimeSpan.Zero && source.PollOverlap <= TimeSpan.FromDays(1),
            "Source:PollOverlap must be between 00:00:00 and 1.00:00:00.");
        Require(source.BatchSize is >= 100 and <= 100_000, "Source:BatchSize must be between 100 and 100000.");
        Require(source.TransactionRows is >= 100 and <= 1_000_000, "Source:TransactionRows must be between 100 and 1000000.");
        Require(source.Retry.MaxRetries is >= 1 and <= 10, "Source:Retry:MaxRetries must be between 1 and 10.");
        Require(source.Retry.Delay >= TimeSpan.Zero && source.Retry.Delay <= TimeSpan.FromMinutes(10),
            "Source:Retry:Delay must be between 00:00:00 and 00:10:00.");
        CheckCron(schedule.Poll, "Schedule:Poll");
        CheckCron(schedule.DayClose, "Schedule:DayClose");
        CheckCron(schedule.Reconcile, "Schedule:Reconcile");

        var snapshotPeriods = Periods(snapshots.Periods, "Snapshots:Periods", PeriodKinds.Default);
        var alertPeriods = Periods(alerts.Periods, "Alerts:Periods", [PeriodKind.Mtd]);
        foreach (var period in alertPeriods.Where(p => !snapshotPeriods.Contains(p)))
        {
            throw new ConfigurationException($"Alerts:Periods lists {period.Text()}, which Snapshots:Periods does not compute.");
        }

        Require(snapshots.RestateMonths is >= 0 and <= 120, "Snapshots:RestateMonths must be between 0 and 120.");
        Require(alerts.MinDenominator >= 1, "Alerts:MinDenominator must be 1 or more.");
        Require(alerts.CriticalGapPoints is >= 0 and <= 100, "Alerts:CriticalGapPoints must be between 0 and 100.");
        Require(retention.DailyRowsDays >= 1, "Retention:DailyRowsDays must be 1 or more.");
        Require(retention.RunsDays >= 1, "Retention:RunsDays must be 1 or more.");
        Require(retention.QuarantineClearedDays >= 1, "Retention:QuarantineClearedDays must be 1 or more.");
        Require(service.StopTimeout > TimeSpan.Zero, "Service:StopTimeout must be positive.");
        Service.ServiceSettingsCheck.Check(service);
        CheckEmail(email, configuration);

        return new KpiSettings(
            source, store, schedule, province, snapshots, alerts, retention, service, email, zone!,
            snapshotPeriods, alertPeriods, BuildTargets(targets),
            ResolveConnectionString(source.Provider, source.ConnectionString, contentRoot),
            ResolveConnectionString(store.Provider, store.ConnectionString, contentRoot),
            contentRoot);
    }

    /// <summary>Relative SQLite file paths resolve against the content root (operations.md), not the process's whim.</summary>
    public static string ResolveConnectionString(string provider, string connectionString, string contentRoot)
    {
        if (provider != DatabaseProviders.Sqlite)
        {
            return connectionString;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ConnectionString;
    }

    public static string ResolvePath(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException error)
        {
            // The binder names the key in its message; the value itself is left out (it may be a secret).
            var key = BinderKey().Match(error.Message + " " + error.InnerException?.Message);
            throw new ConfigurationException(key.Success
                ? $"{key.Groups[1].Value} has a value of the wrong type for that setting."
                : $"The {section} section has a value of the wrong type: {error.Message}");
        }
    }

    private static void Require(bool condition, string sentence)
    {
        if (!condition)
        {
            throw new ConfigurationException(sentence);
        }
    }

    private static void CheckProvider(string provider, string key) =>
        Require(DbEngines.TryParse(provider, out _),
            $"{key} '{provider}' is not supported: use {string.Join(", ", DbEngines.Names)}.");

    /// <summary>
    /// A connection string its driver cannot parse is a configuration error (exit 2), not a failed run. The driver's
    /// message is left out: a password holding ';' can be split into what the parser reports as a keyword.
    /// </summary>
    private static void CheckConnectionString(string provider, string connectionString, string key)
    {
        try
        {
            _ = provider switch
            {
                DatabaseProviders.PostgreSql => new NpgsqlConnectionStringBuilder(connectionString),
                DatabaseProviders.SqlServer => new SqlConnectionStringBuilder(connectionString),
                _ => (DbConnectionStringBuilder)new SqliteConnectionStringBuilder(connectionString),
            };
        }
        catch (Exception error) when (error is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ConfigurationException(
                $"{key} is not a valid {provider} connection string: check its keywords and quoting (the value is not shown, it may hold a password).");
        }
    }

    private static void CheckSchema(string? schema, string key) =>
        Require(schema is null || SchemaName().IsMatch(schema),
            $"{key} '{schema}' is not a valid schema name: use letters, digits and _ (at most 64), starting with a letter or _.");

    private static void CheckCron(string expression, string key) =>
        Require(IsCron(expression),
            $"{key} '{expression}' is not a valid Quartz cron expression (with seconds, e.g. 0 0/15 * * * ?).");

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static IReadOnlyList<PeriodKind> Periods(List<string> configured, string key, IReadOnlyList<PeriodKind> defaults)
    {
        if (configured.Count == 0)
        {
            return defaults;
        }

        var periods = new List<PeriodKind>();
        for (var i = 0; i < configured.Count; i++)
        {
            Require(PeriodKinds.TryParse(configured[i], out var period),
                $"{key}:{i} '{configured[i]}' is not one of DAY, MTD, QTD, YTD.");
            if (!periods.Contains(period))
            {
                periods.Add(period);
            }
        }

        return periods;
    }

    private static TargetBook BuildTargets(TargetsOptions options)
    {
        if (options.Sets.Count == 0)
        {
            return TargetBook.BuiltIn;
        }

        var sets = new List<TargetSet>();
        for (var i = 0; i < options.Sets.Count; i++)
        {
            var set = options.Sets[i];
            var key = $"Targets:Sets:{i}";
            Require(DateOnly.TryParseExact(set.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from),
                $"{key}:EffectiveFrom '{set.EffectiveFrom}' is not a date in yyyy-MM-dd form.");
            Require(sets.TrueForAll(s => s.EffectiveFrom != from),
                $"{key}:EffectiveFrom {set.EffectiveFrom} is the start of another target set too.");
            var levels = new Dictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>>();
            for (var l = 0; l < set.Levels.Count; l++)
            {
                var level = set.Levels[l];
                Require(level.Level is 1 or 2 or 3, $"{key}:Levels:{l}:Level {level.Level} is not 1, 2 or 3.");
                Require(!levels.ContainsKey(level.Level), $"{key}:Levels:{l}:Level {level.Level} is listed twice.");
                levels[level.Level] = Percentages(level.Targets, $"{key}:Levels:{l}:Targets");
            }

            var units = new Dictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>>(StringComparer.Ordinal);
            for (var u = 0; u < set.Units.Count; u++)
            {
                var unit = set.Units[u];
                Require(!string.IsNullOrEmpty(unit.UnitId), $"{key}:Units:{u}:UnitId is empty.");
                Require(!units.ContainsKey(unit.UnitId), $"{key}:Units:{u}:UnitId '{unit.UnitId}' is listed twice.");
                units[unit.UnitId] = Percentages(unit.Targets, $"{key}:Units:{u}:Targets");
            }

            var source = string.IsNullOrWhiteSpace(set.Source) ? $"configured set from {set.EffectiveFrom}" : set.Source;
            sets.Add(new TargetSet(from, source, Percentages(set.Default, $"{key}:Default"), levels, units));
        }

        return new TargetBook(sets);
    }

    private static Dictionary<IndicatorCode, decimal> Percentages(Dictionary<string, decimal> configured, string key)
    {
        var targets = new Dictionary<IndicatorCode, decimal>();
        foreach (var (code, percent) in configured)
        {
            Require(IndicatorCatalog.TryParse(code, out var indicator),
                $"{key}:{code} is not an indicator code (one of {string.Join(", ", IndicatorCatalog.All.Select(i => i.Text))}).");
            Require(percent is >= 0 and <= 100, $"{key}:{code} target {percent.ToString(CultureInfo.InvariantCulture)} is outside 0..100.");
            targets[indicator] = percent;
        }

        return targets;
    }

    private static void CheckEmail(EmailOptions email, IConfiguration configuration)
    {
        Require(IsAddress(email.From), $"Email:From '{email.From}' is not an email address.");
        CheckSmtp(email.Smtp, configuration);
        Require(!string.IsNullOrWhiteSpace(email.PickupDirectory) || !string.IsNullOrWhiteSpace(email.Smtp.Host),
            "Email:PickupDirectory is empty and Email:Smtp:Host is not set: digests would have nowhere to go.");
        for (var i = 0; i < email.Recipients.Count; i++)
        {
            var route = email.Recipients[i];
            var key = $"Email:Recipients:{i}";
            switch (route.Scope)
            {
                case "PROVINCE" or "OPS":
                    break;
                case "LEVEL":
                    Require(route.Id is "1" or "2" or "3", $"{key}:Id '{route.Id}' must be the level 1, 2 or 3 for a LEVEL route.");
                    break;
                case "UNIT":
                    Require(!string.IsNullOrEmpty(route.Id), $"{key}:Id must be the unit_id for a UNIT route.");
                    break;
                default:
                    throw new ConfigurationException($"{key}:Scope '{route.Scope}' is not one of PROVINCE, LEVEL, UNIT, OPS.");
            }

            Require(route.To.Count > 0, $"{key}:To lists no address.");
            for (var a = 0; a < route.To.Count; a++)
            {
                Require(IsAddress(route.To[a]), $"{key}:To:{a} '{route.To[a]}' is not an email address.");
            }
        }
    }

    private static void CheckSmtp(SmtpOptions smtp, IConfiguration configuration)
    {
        Require(string.IsNullOrWhiteSpace(smtp.Host) || Uri.CheckHostName(smtp.Host) != UriHostNameType.Unknown,
            $"Email:Smtp:Host '{smtp.Host}' is not a host name or IP address.");
        Require(smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.");
        Require(smtp.Timeout >= TimeSpan.FromSeconds(1) && smtp.Timeout <= TimeSpan.FromMinutes(10),
            "Email:Smtp:Timeout must be between 00:00:01 and 00:10:00.");

        // UseStartTls defaults to true, so only a value written next to ImplicitTls contradicts it.
        var startTlsWritten = configuration[$"{EmailOptions.Section}:Smtp:UseStartTls"] is not null;
        Require(!(smtp.ImplicitTls && smtp.UseStartTls && startTlsWritten),
            "Email:Smtp:ImplicitTls and Email:Smtp:UseStartTls are both true: use ImplicitTls for an SMTPS port (465) or UseStartTls for a submission port (587), not both.");
        if (!string.IsNullOrWhiteSpace(smtp.ServerCertificateThumbprint))
        {
            Require(Email.CertificateThumbprint.TryParse(smtp.ServerCertificateThumbprint, out _),
                "Email:Smtp:ServerCertificateThumbprint must be the server certificate's SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.");
            Require(smtp.ImplicitTls || smtp.UseStartTls,
                "Email:Smtp:ServerCertificateThumbprint is set but the connection has no TLS to check it against: set Email:Smtp:UseStartTls or Email:Smtp:ImplicitTls to true.");
        }
    }

    private static bool IsAddress(string? text) => Email.MailAddresses.IsAddress(text);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex SchemaName();

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex BinderKey();
}
