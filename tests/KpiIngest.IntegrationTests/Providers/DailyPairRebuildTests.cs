using KpiIngest.Core.Facts;
using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A first ingest's kpi_daily_pair is rebuilt from the facts by the engine (SQL); every later change applies the facts'
/// deltas (C#). Both follow <see cref="DayCountRules"/>: for facts of every combination of traits and of days, the two
/// must write the same rows, on every store engine. A count filled by one path and not the other fails here.
/// </summary>
public abstract class DailyPairRebuildTests
{
    protected abstract StoreSession OpenStore();

    [Fact]
    public void RebuildFromFacts_FactsOfEveryTraitAndDayShape_WritesTheRowsTheDeltasWrite()
    {
        var store = OpenStore();
        var facts = EveryShape().ToList();
        using (var transaction = store.BeginWrite())
        {
            store.Facts.Upsert(facts);
            var delta = new DailyPairDelta();
            foreach (var fact in facts)
            {
                delta.Record(null, fact);
            }

            store.DailyPairs.Apply(delta);
            transaction.Commit();
        }

        var incremental = Rows(store);

        using (var transaction = store.BeginWrite())
        {
            store.DailyPairs.RebuildFromFacts();
            transaction.Commit();
        }

        var rebuilt = Rows(store);
        foreach (var rule in DayCountRules.All)
        {
            var column = DayCounts.Columns.ToList().IndexOf(rule.Column);
            incremental.Sum(row => row.Counts[column]).ShouldBeGreaterThan(0, $"no fact counts for {rule.Column}");
        }

        rebuilt.ShouldBe(incremental);
    }

    /// <summary>Every (day, unit, procedure) row with its counts, in one order.</summary>
    private static List<(DateOnly Day, string Unit, string Procedure, DayCounts Counts)> Rows(StoreSession store) =>
    [
        .. store.DailyPairs.Read(From, From.AddDays(3))
            .Select(row => (row.Day, row.Pair.UnitId, row.Pair.ProcedureCode, row.Counts))
            .OrderBy(r => r.Day).ThenBy(r => r.UnitId, StringComparer.Ordinal).ThenBy(r => r.ProcedureCode, StringComparer.Ordinal),
    ];

    private static readonly DateOnly From = new(2025, 3, 1);

    /// <summary>
    /// One fact per combination of the defined traits and per way its days fall (received only, resolved only, both on
    /// one day, on two days, neither), on two pairs.
    /// </summary>
    private static IEnumerable<DossierFact> EveryShape()
    {
        var all = Enum.GetValues<DossierTraits>().Aggregate(DossierTraits.None, (mask, flag) => mask | flag);
        (DateOnly? Received, DateOnly? Resolved)[] days =
        [
            (From, null), (null, From.AddDays(1)), (From, From), (From, From.AddDays(2)), (null, null),
        ];
        var n = 0;
        for (var traits = 0; traits <= (int)all; traits++)
        {
            if ((traits & ~(int)all) != 0)
            {
                continue;
            }

            foreach (var (received, resolved) in days)
            {
                n++;
                yield return new DossierFact($"D{n:D6}", n % 2 == 0 ? "U1" : "U2", "P1", received, resolved, (DossierTraits)traits,
                    new DateTime(2025, 3, 5, 8, 0, 0, DateTimeKind.Unspecified));
            }
        }
    }
}

public sealed class SqliteDailyPairRebuildTests : DailyPairRebuildTests, IDisposable
{
    private readonly List<TemporarySqliteStore> _stores = [];

    protected override StoreSession OpenStore()
    {
        var store = new TemporarySqliteStore();
        _stores.Add(store);
        return store.Session;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}

public sealed class PostgreSqlDailyPairRebuildTests(PostgreSqlServer server) : DailyPairRebuildTests, IDisposable
{
    private readonly List<TestDatabase> _databases = [];
    private readonly List<StoreSession> _sessions = [];

    protected override StoreSession OpenStore()
    {
        if (server.UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var database = server.CreateDatabase();
        _databases.Add(database);
        var session = StoreSession.OpenMigrated(StoreDatabase.For(server.Engine.Provider, database.AdminConnectionString, "kpi"), TimeProvider.System);
        _sessions.Add(session);
        return session;
    }

    public void Dispose()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

/// <summary>Composed in C#, the rebuild is in no .sql file the T-SQL suite parses: SQL Server must read it too.</summary>
public sealed class DailyPairRebuildStatementTests
{
    [Fact]
    public void RebuildStatement_AsSqlServerRunsIt_HasNoSyntaxError()
    {
        var sql = new SqlServerStoreDialect("kpi").Resolve(DailyPairStore.RebuildStatement);

        var (_, errors) = TSqlGrammars.Parse(sql, (line, column) => $"RebuildStatement:{line}:{column}");

        errors.ShouldBeEmpty(sql);
    }
}
