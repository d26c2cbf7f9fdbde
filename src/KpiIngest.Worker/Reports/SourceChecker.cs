using System.Globalization;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Source;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// check-source: is the source usable? The relations and columns of the contract, then every row checked
/// as a run would check it, with a count of would-be-quarantined rows per reason. Writes nothing.
/// </summary>
public sealed class SourceChecker(SourceDatabase sourceDatabase, IOptions<SourceOptions> options, SourceReaders sources, SourceClock clock)
{
    /// <summary>Returns true when the source offers the contract.</summary>
    public bool Check(TextWriter output, CancellationToken cancellation)
    {
        using var source = sources.Open();
        WarnIfWritable(output);
        var missing = SourceContract.Missing(source.DescribeRelations());
        foreach (var relation in SourceContract.Relations.Keys)
        {
            var gaps = missing.Where(m => m == relation || m.StartsWith(relation + ".", StringComparison.Ordinal)).ToList();
            output.WriteLine(gaps.Count == 0
                ? $"{relation}: all {SourceContract.Relations[relation].Count} contract columns present"
                : $"{relation}: MISSING {string.Join(", ", gaps)}");
        }

        if (missing.Count > 0)
        {
            output.WriteLine("The source is not usable: fix the contract views (deploy/sql) and check again.");
            return false;
        }

        ListOptionalColumns(output, source.PresentOptionalColumns());

        var times = new SourceTimeReader(clock.Zone);
        var units = UnitValidator.Validate(source.ReadUnits(), times);
        var unitIds = units.Good.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var procedures = ProcedureValidator.Validate(source.ReadProcedures(), unitIds, times);
        var usable = Summarize(output, SourceContract.Units, units.Good.Count + units.Quarantined.Count, units.Quarantined);
        usable &= Summarize(output, SourceContract.Procedures, procedures.Good.Count + procedures.Quarantined.Count, procedures.Quarantined);

        var validator = new DossierValidator(unitIds, times, clock.LocalNow.AddDays(1));
        var catalog = procedures.Good.Select(p => p.Key).ToHashSet();
        long total = 0, uncatalogued = 0;
        var bad = new List<QuarantineEntry>();
        DossierCursor? cursor = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = source.ReadChangedDossiers(DateTime.MinValue, cursor, options.Value.BatchSize);
            var checkedPage = validator.Validate(page);
            total += page.Count;
            uncatalogued += checkedPage.Good.Count(d => !catalog.Contains(new PairKey(d.UnitId, d.ProcedureCode)));
            bad.AddRange(checkedPage.Quarantined);
            if (page.Count < options.Value.BatchSize || page[^1].UpdatedAt is null || page[^1].DossierId is null)
            {
                break;
            }

            cursor = new DossierCursor(page[^1].UpdatedAt!, page[^1].DossierId!);
        }

        usable &= Summarize(output, SourceContract.Dossiers, total, bad);
        output.WriteLine($"src_dossier: {VietnameseFormat.Count(uncatalogued)} with a pair not in src_procedure (counted, not bad)");
        if (!usable)
        {
            output.WriteLine("The source is not usable: fix the columns named above in the source or its contract views (deploy/sql) and check again.");
            return false;
        }

        output.WriteLine("The source is usable.");
        return true;
    }

    /// <summary>
    /// source-contract.md: the login needs SELECT on the three relations and nothing else. KpiIngest opens a SQLite
    /// source read-only whatever the account may do, but an account that can write the file could be made to, so say so.
    /// TODO (providers branch): SQL Server, HAS_PERMS_BY_NAME on each relation for INSERT, UPDATE and DELETE, and
    /// IS_ROLEMEMBER('db_datawriter') / ('db_owner'); PostgreSQL, has_table_privilege(current_user, relation,
    /// 'INSERT, UPDATE, DELETE, TRUNCATE') on each relation, and whether current_user is a superuser or owns them.
    /// </summary>
    private void WarnIfWritable(TextWriter output)
    {
        if (sourceDatabase.Engine != KpiIngest.Data.DbEngine.Sqlite
            || new SqliteConnectionStringBuilder(sourceDatabase.ConnectionString).DataSource is not { Length: > 0 } path
            || !File.Exists(path))
        {
            return;
        }

        try
        {
            // Opening for writing writes nothing; it only asks the file system whether this account may.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return;
        }

        output.WriteLine(
            $"WARNING: this account ({Environment.UserName}) can write to the source file {path}. KpiIngest only reads it " +
            "(it opens it read-only), but the service account should have read-only access to the source (least privilege).");
    }

    /// <summary>
    /// scorecard.md, "Optional source columns": which of the five the views offer, and the scorecard item each one makes
    /// EXACT (an absent one leaves its item PROXY or MISSING). Their bad values show among the reasons below.
    /// </summary>
    private static void ListOptionalColumns(TextWriter output, OptionalColumns present)
    {
        // Short lines: each fits an 80-column terminal, like every line check-source prints.
        output.WriteLine("Optional columns (QĐ 766 scorecard): none is required; each one present makes");
        output.WriteLine("the scorecard item named beside it EXACT.");
        foreach (var column in SourceContract.OptionalColumnList)
        {
            var name = $"{column.Relation}.{column.Name}";
            output.WriteLine($"  {((present & column.Flag) != 0 ? "present" : "absent"),-7}  {name,-34} {column.MakesExact}");
        }
    }

    /// <summary>
    /// Prints a relation's would-be-quarantined rows by reason (each reason names its column) and judges it: more than
    /// half of its rows quarantined (a column of the wrong type in every row, say) leaves figures that describe the
    /// few rows left, so the relation is unusable; any smaller share is a warning with the count and share.
    /// </summary>
    /// <returns>False when the relation is unusable.</returns>
    private static bool Summarize(TextWriter output, string relation, long rows, IReadOnlyList<QuarantineEntry> bad)
    {
        output.WriteLine($"{relation}: {VietnameseFormat.Count(rows)} rows, {VietnameseFormat.Count(bad.Count)} would be quarantined");
        var reasons = bad.SelectMany(b => b.Reason.Split("; ")).GroupBy(r => r).OrderByDescending(g => g.Count()).ToList();
        foreach (var reason in reasons)
        {
            output.WriteLine($"  {VietnameseFormat.Count(reason.Count()),9}  {reason.Key}");
        }

        if (bad.Count == 0)
        {
            return true;
        }

        var share = VietnameseFormat.Percent(Math.Round(100m * bad.Count / rows, 2));
        if (bad.Count * 2L > rows)
        {
            output.WriteLine($"{relation} is not usable: {VietnameseFormat.Count(bad.Count)} of {VietnameseFormat.Count(rows)} rows ({share}) would be quarantined, more than half; "
                + $"the most common reason: {reasons[0].Key} ({VietnameseFormat.Count(reasons[0].Count())} rows).");
            return false;
        }

        output.WriteLine($"WARNING: {relation}: {VietnameseFormat.Count(bad.Count)} of {VietnameseFormat.Count(rows)} rows ({share}) would be quarantined and left out of every figure.");
        return true;
    }
}
