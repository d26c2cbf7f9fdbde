namespace KpiIngest.Core.Source;

/// <summary>
/// The rows of one result set, each with its checks: every copy of a key met more than once is quarantined
/// (until the source is fixed), and each bad key gets one quarantine entry with all its reasons.
/// </summary>
internal sealed class ResultSet<T>(string relation, string duplicateReason, string keyColumn, int capacity = 0)
    where T : class
{
    // Sized for the result set when its size is known (a page of dossiers), so they are not grown by doubling.
    private readonly List<(string Key, object? KeyValue, T? Row, RowCheck Check)> _rows = new(capacity);
    private readonly Dictionary<string, int> _copies = new(capacity, StringComparer.Ordinal);

    /// <summary>Adds a checked row; <paramref name="row"/> is null when <paramref name="check"/> already failed.</summary>
    public void Add(string key, object? keyValue, T? row, RowCheck check)
    {
        _rows.Add((key, keyValue, row, check));
        _copies[key] = _copies.GetValueOrDefault(key) + 1;
    }

    public Validated<T> Result()
    {
        var good = new List<T>(_rows.Count);
        var bad = new List<QuarantineEntry>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, keyValue, row, check) in _rows)
        {
            if (_copies[key] > 1)
            {
                check.Fail(duplicateReason, keyColumn, keyValue);
            }

            if (check.IsValid)
            {
                good.Add(row!);
            }
            else if (reported.Add(key))
            {
                bad.Add(new QuarantineEntry(relation, key, check.Reason, check.ValueText));
            }
        }

        return new Validated<T>(good, bad);
    }
}
