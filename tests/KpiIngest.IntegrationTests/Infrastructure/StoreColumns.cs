using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>Reads store columns by name, whatever storage class SQLite used for them.</summary>
internal static class StoreColumns
{
    public static object? Value(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
    }

    public static string? Text(SqliteDataReader reader, string column) =>
        Value(reader, column) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    public static long? Integer(SqliteDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            long l => l,
            double d => (long)d,
            var other => long.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
        };

    /// <summary>decimal(5,2) percentages, however SQLite stored them (INTEGER, REAL or TEXT), to 2 decimals.</summary>
    public static decimal? Number(SqliteDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            long l => l,
            double d => Math.Round((decimal)d, 2, MidpointRounding.AwayFromZero),
            var other => decimal.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
}
