namespace KpiIngest.Core.Scorecard;

/// <summary>
/// Points from Scorecard:Entered (scorecard.md, "Entered values"): for the five items no dossier database carries and
/// CERTIFIED_COPY, copied by administrators from the portal's last published values. They apply to every scope and
/// period (agencies and communes inherit the province's, as the portal does).
/// </summary>
public sealed class EnteredPoints
{
    private readonly Dictionary<string, decimal> _points;

    /// <param name="points">Item code to points; each must be an enterable item, within 0..max, with at most 2 decimals.</param>
    /// <exception cref="ArgumentException">A code or value breaks those rules (the configuration check names the key first).</exception>
    public EnteredPoints(IEnumerable<KeyValuePair<string, decimal>> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (code, value) in points)
        {
            if (Problem(code, value) is { } problem)
            {
                throw new ArgumentException($"{code}: {problem}", nameof(points));
            }

            _points[code] = value;
        }
    }

    public static EnteredPoints None { get; } = new([]);

    /// <summary>The codes entered, in ordinal order.</summary>
    public IEnumerable<string> Codes => _points.Keys.Order(StringComparer.Ordinal);

    /// <summary>The points entered for <paramref name="code"/>, or null.</summary>
    public decimal? For(string code) => _points.TryGetValue(code, out var points) ? points : null;

    /// <summary>
    /// Why <paramref name="points"/> cannot be entered for <paramref name="code"/>, as the end of a sentence that starts
    /// with the key ("is not ..."); null when it can.
    /// </summary>
    public static string? Problem(string code, decimal points)
    {
        if (!ScorecardItems.TryGet(code, out var item))
        {
            return $"is not a scorecard item code (the items that take entered points are {EnterableList})";
        }

        if (!item.IsEnterable)
        {
            return $"is computed from the dossiers and cannot be entered (only {EnterableList} can)";
        }

        if (points < 0 || points > item.MaxPoints)
        {
            return $"must be between 0 and {item.MaxPoints}, the item's max points";
        }

        return decimal.Round(points, 2) != points ? "has more than 2 decimals: the portal publishes points to 2 decimals" : null;
    }

    private static string EnterableList => string.Join(", ", ScorecardItems.All.Where(i => i.IsEnterable).Select(i => i.Code));
}
