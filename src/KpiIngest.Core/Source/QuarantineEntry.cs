using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KpiIngest.Core.Source;

/// <summary>A source row kept out of every figure, with why (kpi_quarantine).</summary>
public sealed record QuarantineEntry(string Relation, string RecordKey, string Reason, string ValueText)
{
    /// <summary>Longest record_key stored; a longer (hostile) key is stored as a prefix plus a hash of the whole.</summary>
    public const int MaxKeyLength = 256;

    public static string KeyOf(object? key)
    {
        var text = key switch
        {
            null => "",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => key.ToString() ?? "",
        };
        if (text.Length <= MaxKeyLength)
        {
            return text;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return string.Concat(text.AsSpan(0, MaxKeyLength - 18), "#", hash);
    }

    public static string PairKeyOf(object? unitId, object? procedureCode) => KeyOf($"{KeyOf(unitId)}|{KeyOf(procedureCode)}");
}
