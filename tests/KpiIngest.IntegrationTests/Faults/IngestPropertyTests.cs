using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, property-based: random src_dossier rows, some broken on purpose in one of the ways source-contract.md
/// lists, go through the Worker's real IngestPipeline and SnapshotPipeline in-process, on real SQLite files (a
/// source of contract tables, a store), paging by 100. Properties: every row is counted or quarantined (the counted
/// ones are exactly the sound ones, the quarantined ones exactly the broken ones), and the PROVINCE figures of
/// ONLINE_DOSSIER, DIGITIZED and E_RESULT for DAY, MTD and YTD equal a count written here from indicators.md, over
/// timestamps written in every form the contract allows (local with space or T, Z, +07:00, −05:00), so the local
/// date of each is the Asia/Ho_Chi_Minh one.
/// </summary>
public sealed class IngestPropertyTests
{
    /// <summary>"Now" for the pipeline: every generated updated_at is before it, every snapshot date has ended.</summary>
    private static readonly DateTimeOffset Now = new(2024, 4, 20, 12, 0, 0, TimeSpan.FromHours(7));

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public void IngestAndSnapshot_RandomSourceRows_EachRowCountedOrQuarantinedAndProvinceTotalsMatchTheSpec()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(40),
            Prop.ForAll(SourceGen.Case.ToArbitrary(), (SourceCase c) =>
            {
                using var workspace = new ProvinceWorkspace(new SourceShape { DossierIdIsPrimaryKey = false });
                c.WriteTo(workspace);
                var snapshots = Run(workspace, c.AsOf);

                var counted = StoreImage.Lines(workspace.StorePath, "SELECT dossier_id FROM kpi_dossier_fact ORDER BY dossier_id");
                counted.ShouldBe(c.Sound.Select(d => d.Id).Order(StringComparer.Ordinal).ToList(), $"counted ids. {c}");
                StoreImage.Lines(workspace.StorePath, "SELECT record_key FROM kpi_quarantine WHERE relation = 'src_dossier' AND cleared_at IS NULL ORDER BY record_key")
                    .ShouldBe(c.Broken.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList(), $"quarantined ids. {c}");

                foreach (var period in new[] { PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Ytd })
                {
                    var start = period.Start(c.AsOf);
                    foreach (var (indicator, expected) in Oracle.Province(c.Sound, start, c.AsOf))
                    {
                        var row = snapshots.Single(s => s.Period == period.Text() && s.Scope == Kpi.Province && s.Indicator == indicator);
                        (row.Numerator, row.Denominator).ShouldBe(expected, $"{indicator} {period.Text()} as of {c.AsOf:yyyy-MM-dd}. {c}");
                    }
                }
            }));
    }

    /// <summary>One ingest (units, catalog, dossiers in pages, quarantine retried by key) and one snapshot, as <c>once</c> does.</summary>
    private static IReadOnlyList<StoredSnapshotRow> Run(ProvinceWorkspace workspace, DateOnly asOf)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Source:ConnectionString"] = $"Data Source={workspace.SourcePath};Pooling=False",
            ["Source:BatchSize"] = "100",
            ["Source:TransactionRows"] = "300",
            ["Store:ConnectionString"] = $"Data Source={workspace.StorePath};Pooling=False",
        }).Build();
        using var options = KpiOptions.Checked(configuration, workspace.Root, ConfigurationNeeds.Everything);
        var time = new FakeTimeProvider(Now);
        var clock = new Core.Periods.SourceClock(time, options.GetRequiredService<Core.Periods.SourceClock>().Zone);
        var ingest = ActivatorUtilities.CreateInstance<IngestPipeline>(options, clock, NullLogger<IngestPipeline>.Instance);
        var snapshots = ActivatorUtilities.CreateInstance<SnapshotPipeline>(options, clock, NullLogger<SnapshotPipeline>.Instance);
        var counts = new RunCounts();
        using (var store = StoreSession.OpenMigrated(options.GetRequiredService<StoreDatabase>(), time))
        using (var source = new SqliteSourceReader(options.GetRequiredService<SourceDatabase>().ConnectionString))
        {
            IngestPipeline.CheckContract(source);
            var dimensions = ingest.RefreshDimensions(source, store, counts);
            ingest.Poll(source, store, dimensions, counts, TestContext.Current.CancellationToken);
            snapshots.Run(store, [asOf], counts, TestContext.Current.CancellationToken);
        }

        return workspace.Store.Snapshots(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>indicators.md, counted literally over the sound rows: received / resolved in [start, asOf], local dates.</summary>
    private static class Oracle
    {
        /// <summary>Catalog pairs that issue no result: resolved dossiers of these are left out of E_RESULT's D.</summary>
        private static readonly HashSet<(string, string)> NoResult = [("U1", "P2"), ("U2", "P2")];

        public static IEnumerable<(string Indicator, (long N, long D) Counts)> Province(IReadOnlyList<GenDossier> sound, DateOnly start, DateOnly end)
        {
            bool In(DateTimeOffset? instant) => instant is { } i && LocalDate(i) >= start && LocalDate(i) <= end;
            var received = sound.Where(d => d.Status is not (1 or 3) && In(d.ReceivedAt)).ToList();
            var resolved = sound.Where(d => d.Status is 9 or 10 && In(d.ResolvedAt) && !NoResult.Contains((d.Unit, d.Procedure))).ToList();
            yield return (Kpi.OnlineDossier, (received.Count(d => d.Channel == 2), received.Count));
            yield return (Kpi.Digitized, (received.Count(d => d.Digitized), received.Count));
            yield return (Kpi.EResult, (resolved.Count(d => d.EResult), resolved.Count));
        }

        private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Vietnam).DateTime);
    }

    /// <summary>How a timestamp is written in the source: the contract allows each of these on SQLite.</summary>
    public enum TimeForm
    {
        LocalSpace,
        LocalT,
        Utc,
        PlusSeven,
        MinusFive,
    }

    /// <summary>The one way a broken row breaks the contract (source-contract.md, "Bad rows"), or none.</summary>
    public enum Breakage
    {
        None,
        UnknownUnit,
        ChannelOutOfCodes,
        StatusOutOfCodes,
        FlagNotBoolean,
        ReceivedStatusWithoutReceivedAt,
        ResolvedStatusWithoutResolvedAt,
        ResolvedBeforeReceived,
        NegativeFee,
        UnparseableDate,
        YearOutOfRange,
        Duplicate,
    }

    /// <summary>A generated row: the meaning (for the oracle) and how it is written (for the source).</summary>
    public sealed record GenDossier(
        string Id, string Unit, string Procedure, int Channel, int Status, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt,
        DateTimeOffset? ResolvedAt, decimal? Fee, int PaidOnline, bool Digitized, bool EResult, bool Reused, TimeForm Form,
        DateTimeOffset UpdatedAt, Breakage Breakage)
    {
        public override string ToString() =>
            $"{Id} {Unit}/{Procedure} c{Channel} s{Status} rcv {Show(ReceivedAt)} res {Show(ResolvedAt)} {Form} {Breakage}";

        private static string Show(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "-";
    }

    public sealed record SourceCase(IReadOnlyList<GenDossier> Rows, DateOnly AsOf)
    {
        public IReadOnlyList<GenDossier> Sound => [.. Rows.Where(r => r.Breakage == Breakage.None)];

        public IReadOnlyList<GenDossier> Broken => [.. Rows.Where(r => r.Breakage != Breakage.None)];

        public override string ToString() => $"as of {AsOf:yyyy-MM-dd}, {Rows.Count} rows: {string.Join("; ", Rows)}";

        public void WriteTo(ProvinceWorkspace workspace)
        {
            workspace.AddUnits(new UnitRow("U1", "Sở Một", 1), new UnitRow("U2", "Xã Hai", 3));
            workspace.AddProcedures(
                new ProcedureRow("U1", "P1", 4) { HasFee = 1, OnlinePayment = 1 },
                new ProcedureRow("U1", "P2", 3) { RequiresResult = 0 },
                new ProcedureRow("U2", "P1", 3),
                new ProcedureRow("U2", "P2", 2) { RequiresResult = 0 });
            foreach (var row in Rows)
            {
                workspace.ExecuteSource(
                    "INSERT INTO src_dossier VALUES ($id, $code, $unit, $procedure, $channel, $status, $received, $due, $resolved, " +
                    "$fee, $paid, $digitized, $eResult, $reused, $updated)",
                    ("$id", row.Id), ("$code", "HS-" + row.Id), ("$unit", row.Breakage == Breakage.UnknownUnit ? "U9" : row.Unit),
                    ("$procedure", row.Procedure),
                    ("$channel", row.Breakage == Breakage.ChannelOutOfCodes ? 4 : row.Channel),
                    ("$status", row.Breakage == Breakage.StatusOutOfCodes ? 11 : row.Status),
                    ("$received", row.Breakage switch
                    {
                        Breakage.UnparseableDate => "31/04/2024 08:00",
                        Breakage.YearOutOfRange => "1899-12-31 08:00:00",
                        _ => Text(row.ReceivedAt, row.Form),
                    }),
                    ("$due", Text(row.DueAt, row.Form)), ("$resolved", Text(row.ResolvedAt, row.Form)),
                    ("$fee", row.Fee?.ToString(CultureInfo.InvariantCulture)), ("$paid", row.PaidOnline),
                    ("$digitized", row.Breakage == Breakage.FlagNotBoolean ? 2 : row.Digitized ? 1 : 0),
                    ("$eResult", row.EResult ? 1 : 0), ("$reused", row.Reused ? 1 : 0),
                    ("$updated", row.UpdatedAt.ToOffset(Vietnam).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            }
        }

        private static string? Text(DateTimeOffset? instant, TimeForm form)
        {
            if (instant is not { } i)
            {
                return null;
            }

            var local = i.ToOffset(Vietnam);
            return form switch
            {
                TimeForm.LocalSpace => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                TimeForm.LocalT => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                TimeForm.Utc => i.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                TimeForm.PlusSeven => local.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
                _ => i.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            };
        }
    }

    private static class SourceGen
    {
        /// <summary>Instants from 31 Dec 2023 12:00 UTC (1 Jan local) to 20 Apr 2024, minute resolution.</summary>
        private static readonly DateTimeOffset From = new(2023, 12, 31, 12, 0, 0, TimeSpan.Zero);

        /// <summary>Month and year edges in local time, where UTC and local dates differ.</summary>
        private static readonly DateTimeOffset[] Edges =
        [
            new(2024, 1, 1, 0, 30, 0, Vietnam), new(2024, 3, 31, 23, 30, 0, Vietnam), new(2024, 4, 1, 6, 59, 0, Vietnam),
            new(2024, 4, 1, 7, 0, 0, Vietnam), new(2024, 4, 15, 23, 59, 0, Vietnam), new(2024, 4, 16, 0, 0, 0, Vietnam),
        ];

        private static Gen<DateTimeOffset> Instant => Gen.Frequency(
            (4, Gen.Choose(0, 111 * 24 * 60).Select(m => From.AddMinutes(m))),
            (1, Gen.Elements(Edges)));

        private static Gen<GenDossier> Dossier(int index) =>
            from unit in Gen.Elements("U1", "U2")
            from procedure in Gen.Elements("P1", "P2", "P3")
            from channel in Gen.Choose(1, 3)
            from status in Gen.Choose(1, 10)
            from received in Instant
            from receivedMissing in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from resolveAfterMinutes in Gen.Choose(0, 30 * 24 * 60)
            from dueAfterMinutes in Gen.OrNull(Gen.Choose(0, 20 * 24 * 60).Select(m => (object)m))
            from fee in Gen.Elements<decimal?>(null, 0m, 15_000m, 20_000.5m)
            from paid in Gen.Choose(0, 2)
            from digitized in Gen.Elements(true, false)
            from eResult in Gen.Elements(true, false)
            from reused in Gen.Elements(true, false)
            from form in Gen.Elements(Enum.GetValues<TimeForm>())
            from breakage in Gen.Frequency((6, Gen.Constant(Breakage.None)), (1, Gen.Elements(Enum.GetValues<Breakage>()[1..])))
            let receivedAt = status is 1 or 3 && receivedMissing ? (DateTimeOffset?)null : received
            let resolvedAt = status is 9 or 10 ? received.AddMinutes(resolveAfterMinutes) : (DateTimeOffset?)null
            let row = new GenDossier(
                $"D{index:D3}", unit, procedure, channel, status, receivedAt,
                dueAfterMinutes is null ? null : received.AddMinutes((int)dueAfterMinutes), resolvedAt, fee, paid, digitized, eResult,
                reused, form, Now.AddDays(-4).AddMinutes(index), Breakage.None)
            select Break(row, breakage);

        /// <summary>Applies one breakage where it applies to this row; a breakage that cannot apply leaves it sound.</summary>
        private static GenDossier Break(GenDossier row, Breakage breakage) => breakage switch
        {
            Breakage.ReceivedStatusWithoutReceivedAt when row.Status is not (1 or 3) => row with { ReceivedAt = null, Breakage = breakage },
            Breakage.ResolvedStatusWithoutResolvedAt when row.Status is 9 or 10 => row with { ResolvedAt = null, Breakage = breakage },
            Breakage.ResolvedBeforeReceived when row.ReceivedAt is { } r =>
                row with { ResolvedAt = r.AddHours(-3), DueAt = null, Breakage = breakage },
            Breakage.NegativeFee => row with { Fee = -1m, Breakage = breakage },
            Breakage.UnparseableDate or Breakage.YearOutOfRange when row.ReceivedAt is not null => row with { Breakage = breakage },
            Breakage.UnknownUnit or Breakage.ChannelOutOfCodes or Breakage.StatusOutOfCodes or Breakage.FlagNotBoolean or Breakage.Duplicate =>
                row with { Breakage = breakage },
            _ => row,
        };

        /// <summary>Up to 150 rows (so sometimes two pages), a duplicate's copy right after it with the same updated_at.</summary>
        public static Gen<SourceCase> Case =>
            from count in Gen.Choose(0, 150)
            from rows in Gen.CollectToArray(Enumerable.Range(0, count), Dossier)
            from asOf in Gen.Elements(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 15))
            select new SourceCase([.. rows.SelectMany(r => r.Breakage == Breakage.Duplicate ? [r, r with { Channel = 1 }] : new[] { r })], asOf);
    }
}
