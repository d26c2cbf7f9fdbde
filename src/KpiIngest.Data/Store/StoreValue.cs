using System.Globalization;

namespace KpiIngest.Data.Store;

/// <summary>
/// Reads a store value whatever engine returned it: SQLite gives text for dates and instants, 0/1 for booleans and
/// doubles for ratios; PostgreSQL and SQL Server give DateTime, bool and decimal. One reader serves all three.
/// </summary>
public static class StoreValue
{
    public static DateOnly Day(object value) => value switch
    {
        DateOnly day => day,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => StoreFormat.ParseDay(text),
        _ => throw Unexpected(value, "date"),
    };

    public static DateOnly? NullableDay(object? value) => IsNull(value) ? null : Day(value!);

    /// <summary>A UTC instant; server timestamps without a zone (SQL Server datetime2) are UTC by the store's convention.</summary>
    public static DateTimeOffset Utc(object value) => value switch
    {
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw Unexpected(value, "UTC timestamp"),
    };

    public static DateTimeOffset? NullableUtc(object? value) => IsNull(value) ? null : Utc(value!);

    /// <summary>A source-local timestamp (no zone).</summary>
    public static DateTime Local(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Unspecified),
        string text => StoreFormat.ParseLocal(text),
        _ => throw Unexpected(value, "timestamp"),
    };

    public static bool Bool(object value) => Convert.ToBoolean(value, CultureInfo.InvariantCulture);

    public static bool? NullableBool(object? value) => IsNull(value) ? null : Bool(value!);

    /// <summary>A ratio, target or gap: decimal(5,2) on the servers, REAL on SQLite, back to two places either way.</summary>
    public static decimal? Percentage(object? value) =>
        IsNull(value) ? null : Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero);

    public static long Number(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static bool IsNull(object? value) => value is null or DBNull;

    private static InvalidOperationException Unexpected(object value, string what) =>
        new($"The store returned a {value.GetType().Name} where a {what} was expected.");
}
