using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.Data.Dialects;
using Microsoft.Data.SqlClient;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>How a typed source stores the contract's datetimes.</summary>
public enum TimestampColumns
{
    /// <summary>Local wall-clock time of Source:TimeZone, no offset: PostgreSQL timestamp, SQL Server datetime.</summary>
    LocalTime,

    /// <summary>Instants: PostgreSQL timestamptz (read back as UTC DateTime), SQL Server datetimeoffset.</summary>
    Instant,
}

/// <summary>
/// The dialect of a database server as the tests need it: connections, parameters, scripts, column types, and the
/// contract's text values (times, dates) turned into the engine's own types.
/// </summary>
public abstract partial class ServerEngine
{
    public static readonly ServerEngine PostgreSql = new PostgreSqlEngine();

    public static readonly ServerEngine SqlServer = new SqlServerEngine();

    private static readonly SourceTimeReader Times = new(ProvinceClock.Zone);

    /// <summary>Source:Provider (and Store:Provider) for this engine.</summary>
    public abstract DbEngine Provider { get; }

    /// <summary>An open connection, made as KpiIngest makes its own (<see cref="EngineConnections"/>).</summary>
    public DbConnection Open(string connectionString) => EngineConnections.Opened(EngineConnections.CreateServer(Provider, connectionString));

    /// <summary>A named parameter (<c>@name</c> in the SQL); DateOnly, local or UTC DateTime and DateTimeOffset map to the engine's types.</summary>
    public virtual DbParameter Parameter(string name, object? value) => EngineDialect.For(Provider).Parameter(name, value);

    /// <summary>Runs a script of several statements; on SQL Server, batch by batch between GO lines.</summary>
    public abstract void ExecuteScript(DbConnection connection, string script);

    /// <summary>An identifier quoted as KpiIngest quotes it on this engine.</summary>
    public string Quote(string identifier) => EngineDialect.For(Provider).QuoteIdentifier(identifier);

    /// <summary>The column type of a key or code (text the contract limits to 64 characters, longer in tests).</summary>
    public abstract string KeyType { get; }

    /// <summary>The column type of longer text (names).</summary>
    public abstract string TextType { get; }

    public abstract string TimestampType(TimestampColumns columns);

    public int Execute(DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Execute(connection, null, sql, parameters);

    public int Execute(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return command.ExecuteNonQuery();
    }

    public T Scalar<T>(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row of a query, as text.</summary>
    public static List<string> Strings(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// A contract datetime given as text (local, or with Z or ±hh:mm) as the value a column of this kind holds: the
    /// local time for <see cref="TimestampColumns.LocalTime"/>, the instant for <see cref="TimestampColumns.Instant"/>
    /// (keeping the text's own offset where it has one).
    /// </summary>
    public object? Timestamp(string? text, TimestampColumns columns)
    {
        if (text is null)
        {
            return null;
        }

        if (!Times.TryReadLocal(text, out var local, out var problem))
        {
            throw new InvalidOperationException($"Test setup: a typed source cannot hold the timestamp '{text}', which {problem}.");
        }

        if (columns == TimestampColumns.LocalTime)
        {
            return local;
        }

        var instant = OffsetSuffix().IsMatch(text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(local, ProvinceClock.Zone.GetUtcOffset(local));
        return Instant(instant);
    }

    /// <summary>A contract date (YYYY-MM-DD) as a date value.</summary>
    public static object? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant as this engine's driver writes it to an instant column.</summary>
    protected abstract object Instant(DateTimeOffset instant);

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex OffsetSuffix();

    private sealed class PostgreSqlEngine : ServerEngine
    {
        public override DbEngine Provider => DbEngine.PostgreSql;

        public override string KeyType => "text";

        public override string TextType => "text";

        public override void ExecuteScript(DbConnection connection, string script)
        {
            ArgumentNullException.ThrowIfNull(connection);
            using var command = connection.CreateCommand();
            command.CommandText = script;
            command.ExecuteNonQuery();
        }

        public override string TimestampType(TimestampColumns columns) =>
            columns == TimestampColumns.LocalTime ? "timestamp" : "timestamptz";

        // Npgsql writes only UTC DateTimes to timestamptz.
        protected override object Instant(DateTimeOffset instant) => instant.UtcDateTime;
    }

    private sealed class SqlServerEngine : ServerEngine
    {
        public override DbEngine Provider => DbEngine.SqlServer;

        // Keys of a composite primary key must fit 900 bytes together.
        public override string KeyType => "nvarchar(200)";

        public override string TextType => "nvarchar(1000)";

        public override DbParameter Parameter(string name, object? value)
        {
            var parameterName = name.StartsWith('@') ? name : "@" + name;
            return value switch
            {
                // SqlClient 2.1 predates DateOnly, and would send a DateTime as the old datetime type.
                DateOnly date => new SqlParameter(parameterName, SqlDbType.Date) { Value = date.ToDateTime(TimeOnly.MinValue) },
                DateTime time => new SqlParameter(parameterName, SqlDbType.DateTime2) { Value = time },
                DateTimeOffset instant => new SqlParameter(parameterName, SqlDbType.DateTimeOffset) { Value = instant },
                _ => new SqlParameter(parameterName, value ?? DBNull.Value),
            };
        }

        public override void ExecuteScript(DbConnection connection, string script)
        {
            ArgumentNullException.ThrowIfNull(connection);
            foreach (var batch in TSqlBatches.Split(script))
            {
                using var command = connection.CreateCommand();
                command.CommandText = batch.Text;
                command.ExecuteNonQuery();
            }
        }

        public override string TimestampType(TimestampColumns columns) =>
            columns == TimestampColumns.LocalTime ? "datetime" : "datetimeoffset";

        protected override object Instant(DateTimeOffset instant) => instant;
    }
}

/// <summary>T-SQL scripts are run, and parsed, batch by batch: GO alone on a line ends a batch (sqlcmd, SSMS).</summary>
public static partial class TSqlBatches
{
    /// <summary>The batches of a script with the 1-based line each starts on; empty batches are left out.</summary>
    public static IReadOnlyList<(int FirstLine, string Text)> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var batches = new List<(int, string)>();
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !GoLine().IsMatch(lines[i]))
            {
                continue;
            }

            var text = string.Join('\n', lines[start..i]);
            if (!string.IsNullOrWhiteSpace(text))
            {
                batches.Add((start + 1, text));
            }

            start = i + 1;
        }

        return batches;
    }

    [GeneratedRegex(@"^\s*GO\s*(--.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
