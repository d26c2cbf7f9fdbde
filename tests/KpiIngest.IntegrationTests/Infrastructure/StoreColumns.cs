using System.Globalization;
using System.Data.Common;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>Reads store columns by name, whatever storage class SQLite used for them or type a server returned.</summary>
internal static class StoreColumns
{
    public static object? Value(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
    }

    /// <summary>
    /// Text as SQLite stores it, so assertions read the same on every engine: a server's date as YYYY-MM-DD, its
    /// timestamps as ISO-8601 UTC with milliseconds and Z.
    /// </summary>
    public static string? Text(DbDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime date when reader.GetDataTypeName(reader.GetOrdinal(column)).Equals("date", StringComparison.OrdinalIgnoreCase) =>
                date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

    public static long? Integer(DbDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            long l => l,
            double d => (long)d,
            var other => long.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
        };

    /// <summary>decimal(5,2) percentages, however SQLite stored them (INTEGER, REAL or TEXT), to 2 decimals.</summary>
    public static decimal? Number(DbDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            long l => l,
            double d => Math.Round((decimal)d, 2, MidpointRounding.AwayFromZero),
            var other => decimal.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
}
