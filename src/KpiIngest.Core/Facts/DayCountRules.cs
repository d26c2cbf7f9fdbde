using System.Globalization;
using System.Text;

namespace KpiIngest.Core.Facts;

/// <summary>Which of a fact's two days a count lands on.</summary>
public enum CountedOn
{
    ReceivedDay,
    ResolvedDay,
}

/// <summary>One kpi_daily_pair count: a fact adds 1 to <see cref="Column"/> on its <see cref="Day"/> when it has every trait of <see cref="Requires"/>.</summary>
public sealed record DayCountRule(string Column, CountedOn Day, DossierTraits Requires);

/// <summary>
/// How a fact's columns (traits, received_day, resolved_day) turn into each daily-pair count: the one rule behind both
/// the incremental path (<see cref="DossierFact"/>'s contributions, in C#) and the store's rebuild of kpi_daily_pair
/// from kpi_dossier_fact (<see cref="SqlSums"/>, in SQL), so the two cannot drift. A count is one line here, and every
/// column of <see cref="DayCounts.Columns"/> must have one.
/// </summary>
public static class DayCountRules
{
    public static IReadOnlyList<DayCountRule> All { get; } =
    [
        new("received", CountedOn.ReceivedDay, DossierTraits.None),
        new("online", CountedOn.ReceivedDay, DossierTraits.Online),
        new("with_fee", CountedOn.ReceivedDay, DossierTraits.WithFee),
        new("with_fee_paid_online", CountedOn.ReceivedDay, DossierTraits.WithFee | DossierTraits.PaidOnline),
        new("digitized", CountedOn.ReceivedDay, DossierTraits.Digitized),
        new("reused", CountedOn.ReceivedDay, DossierTraits.Reused),
        new("paid_online", CountedOn.ReceivedDay, DossierTraits.PaidOnline),
        new("resolved", CountedOn.ResolvedDay, DossierTraits.None),
        new("resolved_e_result", CountedOn.ResolvedDay, DossierTraits.EResult),
        new("resolved_with_due", CountedOn.ResolvedDay, DossierTraits.HasDue),
        new("resolved_on_time", CountedOn.ResolvedDay, DossierTraits.OnTime),
        new("received_e_result", CountedOn.ReceivedDay, DossierTraits.EResult),
        new("digitized_e_result", CountedOn.ReceivedDay, DossierTraits.Digitized | DossierTraits.EResult),
        new("synced", CountedOn.ReceivedDay, DossierTraits.Synced),
        new("complaint", CountedOn.ReceivedDay, DossierTraits.Complaint),
        new("personal_storage", CountedOn.ReceivedDay, DossierTraits.PersonalStorage),
        new("citizen_data", CountedOn.ReceivedDay, DossierTraits.CitizenData),
    ];

    // Per day, the rules with the position of their column in DayCounts: what a contribution loops over.
    private static readonly (int Index, DossierTraits Requires)[] OnReceived = Positions(CountedOn.ReceivedDay);
    private static readonly (int Index, DossierTraits Requires)[] OnResolved = Positions(CountedOn.ResolvedDay);

    /// <summary>The counts a fact with <paramref name="traits"/> adds on its <paramref name="day"/>.</summary>
    public static DayCounts CountsOn(CountedOn day, DossierTraits traits)
    {
        var counts = new DayCounts();
        foreach (var (index, requires) in day == CountedOn.ReceivedDay ? OnReceived : OnResolved)
        {
            if ((traits & requires) == requires)
            {
                counts[index] = 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// The SQL sums of every <see cref="DayCounts.Columns"/> count, in that order, over rows of one (day, pair) with the
    /// columns <c>traits</c>, <c>on_received</c> and <c>on_resolved</c> (1 when the row is the fact's received day,
    /// resolved day; both on a fact resolved the day it was received). Bitwise <c>&amp;</c> on integers is the same on
    /// SQLite, PostgreSQL and SQL Server.
    /// </summary>
    public static string SqlSums()
    {
        var sums = new StringBuilder();
        foreach (var column in DayCounts.Columns)
        {
            if (sums.Length > 0)
            {
                sums.Append(",\n       ");
            }

            var rule = All.Single(r => r.Column == column);
            var on = rule.Day == CountedOn.ReceivedDay ? "on_received" : "on_resolved";
            var mask = (int)rule.Requires;
            sums.Append(mask == 0
                ? string.Create(CultureInfo.InvariantCulture, $"SUM({on}) AS {column}")
                : string.Create(CultureInfo.InvariantCulture, $"SUM(CASE WHEN (traits & {mask}) = {mask} THEN {on} ELSE 0 END) AS {column}"));
        }

        return sums.ToString();
    }

    private static (int Index, DossierTraits Requires)[] Positions(CountedOn day)
    {
        var unknown = All.FirstOrDefault(rule => !DayCounts.Columns.Contains(rule.Column));
        if (unknown is not null)
        {
            throw new InvalidOperationException($"The day-count rule {unknown.Column} names no column of DayCounts.Columns.");
        }

        var unruled = DayCounts.Columns.FirstOrDefault(column => All.All(rule => rule.Column != column));
        if (unruled is not null)
        {
            throw new InvalidOperationException($"The daily-pair count {unruled} has no rule in DayCountRules.");
        }

        return [.. All.Where(rule => rule.Day == day).Select(rule => (DayCounts.Columns.ToList().IndexOf(rule.Column), rule.Requires))];
    }
}
