using System.Data.Common;
using System.Text.RegularExpressions;
using KpiIngest.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KpiIngest.Worker.Configuration;

/// <summary>Section Source: provider, connection string, schema, time zone, paging and retries.</summary>
public sealed class SourceOptionsValidator : SectionValidator<SourceOptions>
{
    protected override void Check(SourceOptions options)
    {
        DatabaseSettingsChecks.Check(SourceOptions.Section, options.Provider, options.ConnectionString, options.Schema, "the source database");
        Require(TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _),
            $"Source:TimeZone '{options.TimeZone}' is not a time zone known to this machine (for example Asia/Ho_Chi_Minh).");
        Require(options.PollOverlap >= TimeSpan.Zero && options.PollOverlap <= TimeSpan.FromDays(1),
            "Source:PollOverlap must be between 00:00:00 and 1.00:00:00.");
        Require(options.BatchSize is >= 100 and <= 100_000, "Source:BatchSize must be between 100 and 100000.");
        Require(options.TransactionRows is >= 100 and <= 1_000_000, "Source:TransactionRows must be between 100 and 1000000.");
        Require(options.Retry.MaxRetries is >= 1 and <= 10, "Source:Retry:MaxRetries must be between 1 and 10.");
        Require(options.Retry.Delay >= TimeSpan.Zero && options.Retry.Delay <= TimeSpan.FromMinutes(10),
            "Source:Retry:Delay must be between 00:00:00 and 00:10:00.");
    }
}

/// <summary>Section Store: provider, connection string and schema.</summary>
public sealed class StoreOptionsValidator : SectionValidator<StoreOptions>
{
    protected override void Check(StoreOptions options)
    {
        DatabaseSettingsChecks.Check(StoreOptions.Section, options.Provider, options.ConnectionString, options.Schema, "the KPI store");
    }
}

/// <summary>The checks Source and Store share: an engine name, a connection string its driver parses, a schema name.</summary>
internal static partial class DatabaseSettingsChecks
{
    /// <summary>Section's Provider, ConnectionString (of <paramref name="database"/>) and Schema, in that order.</summary>
    public static void Check(string section, string provider, string connectionString, string? schema, string database)
    {
        CheckProvider(provider, $"{section}:Provider");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException($"{section}:ConnectionString is empty: set the connection string of {database}.");
        }

        CheckConnectionString(provider, connectionString, $"{section}:ConnectionString");
        CheckSchema(schema, $"{section}:Schema");
    }

    private static void CheckProvider(string provider, string key)
    {
        if (!DbEngines.TryParse(provider, out _))
        {
            throw new ConfigurationException($"{key} '{provider}' is not supported: use {string.Join(", ", DbEngines.Names)}.");
        }
    }

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

    private static void CheckSchema(string? schema, string key)
    {
        if (schema is not null && !SchemaName().IsMatch(schema))
        {
            throw new ConfigurationException(
                $"{key} '{schema}' is not a valid schema name: use letters, digits and _ (at most 64), starting with a letter or _.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex SchemaName();
}
