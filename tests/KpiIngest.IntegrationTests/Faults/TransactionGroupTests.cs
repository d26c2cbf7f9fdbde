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
/// Source:TransactionRows: consecutive pages share one store transaction, so a source failing part-way through a
/// transaction must leave none of its pages behind (facts, daily pairs, watermark), keep what earlier transactions
/// committed, and let the next poll finish with the figures of an undisturbed run. OutageProvince's 250 dossiers,
/// read in pages of 100 by the Worker's IngestPipeline in-process; the third page read fails. The first theory reads keyset
/// pages (as from a source whose statement is not one snapshot), the second a first ingest's scan.
/// </summary>
public sealed class TransactionGroupTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(7));

    /// <param name="transactionRows">How many rows a transaction takes.</param>
    /// <param name="factsKept">What survives a failed third read: the pages committed before it.</param>
    [Theory]
    [InlineData(300, 0)] // pages 1 and 2 share a transaction still open when page 3's read fails
    [InlineData(100, 100)] // page 1 committed; page 2 waits for page 3's read, which fails, so it does not commit
    [InlineData(200, 0)] // pages 1 and 2 fill a transaction, whose commit waits for page 3's read
    public void Poll_SourceFailsOnTheThirdPage_KeepsOnlyWhatCommittedAndTheNextPollCompletesIt(int transactionRows, int factsKept)
    {
        using var outage = new Outage(transactionRows);
        outage.PollFailingOnTheThirdPage(scans: false);

        var workspace = outage.Workspace;
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(factsKept);
        var received = workspace.Store.Lines("kpi_daily_pair", "received").Sum(long.Parse);
        received.ShouldBe(factsKept, "every committed dossier of this province is received in April, and only those");
        var watermark = workspace.Store.Lines("kpi_state", "name", "value").SingleOrDefault(l => l.StartsWith(StateStore.DossierWatermark, StringComparison.Ordinal));
        if (factsKept == 0)
        {
            watermark.ShouldBeNull();
        }
        else
        {
            watermark.ShouldBe(StateStore.DossierWatermark + " | 2024-04-30 09:01:39", "page 1 ends with D099, updated 09:01:39");
        }

        outage.PollAgainAndEndLikeAnUndisturbedRun();
    }

    /// <summary>
    /// The same outage in a first ingest's scan (one statement, its rows cut in pages of 100): what committed stays, but
    /// the scan's watermark has not moved and its daily pairs are not rebuilt; the rebuild stays pending, and the next
    /// poll reads every dossier again by keyset, inserting what is absent, and ends where an undisturbed run ends.
    /// </summary>
    [Theory]
    [InlineData(300, 0)]
    [InlineData(100, 100)]
    public void Poll_ScanFailsOnTheThirdPage_KeepsWhatCommittedPendingAndTheNextPollCompletesIt(int transactionRows, int factsKept)
    {
        using var outage = new Outage(transactionRows);
        outage.PollFailingOnTheThirdPage(scans: true);

        var workspace = outage.Workspace;
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(factsKept);
        workspace.Store.CountOrZero("kpi_daily_pair").ShouldBe(0, "a scan's daily pairs are rebuilt by the run that completes it");
        var state = workspace.Store.Lines("kpi_state", "name", "value");
        state.ShouldNotContain(l => l.StartsWith(StateStore.DossierWatermark, StringComparison.Ordinal), "a scan moves the watermark only at its end");
        if (factsKept > 0)
        {
            state.ShouldContain(StateStore.DailyPairsRebuildPending + " | 1");
        }

        outage.PollAgainAndEndLikeAnUndisturbedRun();
        workspace.Store.Lines("kpi_state", "name", "value")
            .ShouldNotContain(StateStore.DailyPairsRebuildPending + " | 1", "the rebuild is no longer pending");
    }

    /// <summary>OutageProvince polled in-process by the Worker's IngestPipeline, pages of 100, transactions of the given rows.</summary>
    private sealed class Outage : IDisposable
    {
        private readonly ServiceProvider _options;
        private readonly FakeTimeProvider _time = new(Now);
        private readonly IngestPipeline _ingest;

        public Outage(int transactionRows)
        {
            Workspace = OutageProvince.Create();
            _options = Options(Workspace, transactionRows);
            var clock = new Core.Periods.SourceClock(_time, _options.GetRequiredService<Core.Periods.SourceClock>().Zone);
            _ingest = ActivatorUtilities.CreateInstance<IngestPipeline>(_options, clock, NullLogger<IngestPipeline>.Instance);
        }

        public ProvinceWorkspace Workspace { get; }

        private string SourceConnectionString => _options.GetRequiredService<SourceDatabase>().ConnectionString;

        /// <summary>A first poll whose source fails on its third page (a keyset page, or the third hundred rows of a scan).</summary>
        public void PollFailingOnTheThirdPage(bool scans)
        {
            using var source = new FailingSource(new SqliteSourceReader(SourceConnectionString), failOnPage: 3, scans);
            Should.Throw<IOException>(() => Poll(source));
        }

        /// <summary>The next poll, the source sound again: every dossier counted, the watermark at the last one.</summary>
        public void PollAgainAndEndLikeAnUndisturbedRun()
        {
            using (var source = new SqliteSourceReader(SourceConnectionString))
            {
                Poll(source);
            }

            Workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(250);
            Workspace.Store.Lines("kpi_daily_pair", "received").Sum(long.Parse).ShouldBe(250);
            Workspace.Store.Lines("kpi_state", "name", "value")
                .ShouldContain(StateStore.DossierWatermark + " | 2024-04-30 09:04:09", "D249 is the last dossier updated");
        }

        public void Dispose()
        {
            _options.Dispose();
            Workspace.Dispose();
        }

        private void Poll(ISourceReader source)
        {
            using var store = StoreSession.OpenMigrated(_options.GetRequiredService<StoreDatabase>(), _time);
            var counts = new RunCounts();
            _ingest.Poll(source, store, _ingest.RefreshDimensions(source, store, counts), counts, TestContext.Current.CancellationToken);
        }
    }

    private static ServiceProvider Options(ProvinceWorkspace workspace, int transactionRows) =>
        KpiOptions.Checked(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Source:ConnectionString"] = $"Data Source={workspace.SourcePath};Pooling=False",
            ["Source:BatchSize"] = "100",
            ["Source:TransactionRows"] = transactionRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Store:ConnectionString"] = $"Data Source={workspace.StorePath};Pooling=False",
        }).Build(), workspace.Root, ConfigurationNeeds.Everything);

    /// <summary>The real reader, except that the <c>failOnPage</c>-th page of changed dossiers fails as a dropped source would.</summary>
    private sealed class FailingSource(ISourceReader inner, int failOnPage, bool scans = false) : ISourceReader
    {
        private const int PageRows = 100;

        private int _pages;

        public bool ScansOneSnapshot => scans;

        /// <summary>The scan fails on the first row of the <c>failOnPage</c>-th page of 100.</summary>
        public IEnumerable<RawDossier> ReadAllDossiers()
        {
            var read = 0;
            foreach (var row in inner.ReadAllDossiers())
            {
                if (++read > (failOnPage - 1) * PageRows)
                {
                    throw new IOException($"The source went away while scanning page {failOnPage}.");
                }

                yield return row;
            }
        }

        public IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations() => inner.DescribeRelations();

        public OptionalColumns PresentOptionalColumns() => inner.PresentOptionalColumns();

        public IEnumerable<RawUnit> ReadUnits() => inner.ReadUnits();

        public IEnumerable<RawProcedure> ReadProcedures() => inner.ReadProcedures();

        public IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit) =>
            Interlocked.Increment(ref _pages) == failOnPage
                ? throw new IOException($"The source went away while reading page {failOnPage}.")
                : inner.ReadChangedDossiers(from, after, limit);

        public IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key) => inner.ReadDossiersWithKey(key);

        public IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds) => inner.ReadDossiersByIds(dossierIds);

        public IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys() => inner.ReadDossierKeys();

        public void Dispose() => inner.Dispose();
    }
}
