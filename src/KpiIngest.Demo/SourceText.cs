using System.Globalization;
using System.Text;
using KpiIngest.Data;

namespace KpiIngest.Demo;

/// <summary>
/// Text forms of the synthetic source's values. Timestamps are hand-rolled because generation writes
/// several per dossier, millions of times, and the result must be exactly 'YYYY-MM-DD HH:MM:SS'.
/// </summary>
internal static class SourceText
{
    // Vietnam has kept UTC+7 without daylight saving since 1975; ids carry UTC seconds like an ObjectId.
    private const long UtcOffsetSeconds = 7 * 3600;

    public static string FormatDateTime(DateTime value)
    {
        Span<byte> buffer = stackalloc byte[19];
        WriteDateTime(buffer, value);
        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>Writes 'YYYY-MM-DD HH:MM:SS' (whole seconds) as UTF-8 into the first 19 bytes of <paramref name="span"/>.</summary>
    public static void WriteDateTime(Span<byte> span, DateTime t) =>
        StoreFormat.WriteLocal(span, t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond)));

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string value) =>
        DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime ParseDateTime(string value) =>
        DateTime.ParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A 24-hex-digit key shaped like the MongoDB ObjectId iGate uses: UTC seconds, then a sequence.
    /// Keys of dossiers generated in time order therefore ascend, and inserts append to the B-tree.
    /// </summary>
    public static string DossierId(DateTime localTime, long sequence)
    {
        var utcSeconds = (long)(localTime - DateTime.UnixEpoch).TotalSeconds - UtcOffsetSeconds;
        return string.Create(24, (Seconds: (uint)Math.Max(0, utcSeconds), Sequence: (ulong)sequence), static (span, s) =>
        {
            s.Seconds.TryFormat(span, out _, "x8", CultureInfo.InvariantCulture);
            s.Sequence.TryFormat(span[8..], out _, "x16", CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The sequence part of a key made by <see cref="DossierId"/>; -1 if it is not one.</summary>
    public static long SequenceOf(string dossierId) =>
        dossierId.Length == 24
        && long.TryParse(dossierId.AsSpan(8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : -1;

    /// <summary>The code citizens see, in the national format: unit, yyMMdd, daily sequence of the unit.</summary>
    public static string DossierCode(string unitId, DateOnly day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{unitId}-{day:yyMMdd}-{sequence:D4}");
}
