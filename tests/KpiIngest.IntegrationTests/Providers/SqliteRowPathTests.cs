using System.Data.Common;
using Dapper;
using KpiIngest.Core.Facts;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// SQLite's row path binds values by position through SQLitePCL rather than through SqliteCommand: each store type
/// must land exactly as store.md writes it on SQLite (the text the rest of the store compares and sorts), and a
/// statement's rows-affected must tell an insert from an ON CONFLICT DO NOTHING.
/// </summary>
public sealed class SqliteRowPathTests : IDisposable
{
    private static readonly StoreColumn[] EveryType =
    [
        new("text", StoreType.Text), new("small", StoreType.SmallNumber), new("count", StoreType.Count),
        new("day", StoreType.Day), new("utc", StoreType.Utc), new("local", StoreType.Local),
        new("percentage", StoreType.Percentage), new("flag", StoreType.Flag),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-rowpath-").FullName;
    private readonly SqliteStoreDialect _dialect = new();
    private readonly string _connectionString;
    private readonly DbConnection _connection;

    public SqliteRowPathTests()
    {
        _connectionString = $"Data Source={Path.Combine(_folder, "kpi.db")}";
        _connection = _dialect.Open(_connectionString);
        _connection.Execute("""
            CREATE TABLE every_type (text TEXT, small INTEGER, count INTEGER, day TEXT, utc TEXT, local TEXT,
                                     percentage REAL, flag INTEGER)
            """);
    }

    [Fact]
    public void BulkInsert_WritesEveryStoreTypeAsStoreFormatWritesIt()
    {
        var longVietnamese = string.Concat(Enumerable.Repeat("Cấp giấy chứng nhận quyền sử dụng đất — ", 20));
        var utc = new DateTimeOffset(2025, 12, 31, 23, 59, 58, 123, TimeSpan.FromHours(7));
        var local = new DateTime(2025, 3, 4, 5, 6, 7).AddTicks(1_234_500);
        using (var transaction = _dialect.BeginWrite(_connection))
        {
            _dialect.BulkInsert(_connection, transaction, "every_type", EveryType,
            [
                ["Sở Tư pháp", 3, 9_000_000_000L, new DateOnly(2025, 1, 2), utc, local, 97.25m, true],
                [longVietnamese, null, 0L, null, null, new DateTime(2025, 3, 4, 5, 6, 7), 100m, false],
            ]);
            transaction.Commit();
        }

        var rows = _connection.Query(
            "SELECT text, small, count, day, utc, local, percentage, flag, typeof(percentage) AS ptype FROM every_type ORDER BY rowid")
            .ToList();

        ((string)rows[0].text).ShouldBe("Sở Tư pháp");
        ((long)rows[0].small).ShouldBe(3);
        ((long)rows[0].count).ShouldBe(9_000_000_000L);
        ((string)rows[0].day).ShouldBe(StoreFormat.Day(new DateOnly(2025, 1, 2)));
        ((string)rows[0].utc).ShouldBe(StoreFormat.Utc(utc));
        ((string)rows[0].utc).ShouldBe("2025-12-31T16:59:58.123Z");
        ((string)rows[0].local).ShouldBe(StoreFormat.Local(local));
        ((string)rows[0].local).ShouldBe("2025-03-04 05:06:07.12345");
        ((double)rows[0].percentage).ShouldBe(97.25);
        ((string)rows[0].ptype).ShouldBe("real");
        ((long)rows[0].flag).ShouldBe(1);

        // Past the 256 bytes encoded on the stack, text is still written whole.
        ((string)rows[1].text).ShouldBe(longVietnamese);
        ((object?)rows[1].small).ShouldBeNull();
        ((object?)rows[1].day).ShouldBeNull();
        ((string)rows[1].local).ShouldBe("2025-03-04 05:06:07");
        ((string)rows[1].ptype).ShouldBe("real");
        ((long)rows[1].flag).ShouldBe(0);
    }

    [Fact]
    public void StoreFormatWriters_WriteWhatTheTextFormatsWrite()
    {
        // Seeded, so a failure names a value that reproduces it.
        var random = new Random(20251231);
        Span<byte> buffer = stackalloc byte[StoreFormat.LocalMaxBytes];
        for (var i = 0; i < 20_000; i++)
        {
            var local = new DateTime(random.NextInt64(new DateTime(1, 1, 1).Ticks, new DateTime(9999, 12, 31).Ticks));
            if (i % 3 == 0)
            {
                local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
            }
            else if (i % 3 == 1)
            {
                local = local.AddTicks(-(local.Ticks % 1000));
            }

            System.Text.Encoding.UTF8.GetString(buffer[..StoreFormat.WriteLocal(buffer, local)]).ShouldBe(StoreFormat.Local(local));
            var day = DateOnly.FromDateTime(local);
            System.Text.Encoding.UTF8.GetString(buffer[..StoreFormat.WriteDay(buffer, day)]).ShouldBe(StoreFormat.Day(day));
        }
    }

    [Fact]
    public void BulkInsert_RollsBackWithTheCallersTransaction()
    {
        using (var transaction = _dialect.BeginWrite(_connection))
        {
            _dialect.BulkInsert(_connection, transaction, "every_type", EveryType,
                [["x", 1, 1L, null, null, null, null, false]]);
            transaction.Rollback();
        }

        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM every_type").ShouldBe(0);
    }

    [Fact]
    public void BulkInsert_AConstraintViolationFailsWithSqlitesMessage()
    {
        _connection.Execute("CREATE TABLE keyed (id TEXT PRIMARY KEY)");
        using var transaction = _dialect.BeginWrite(_connection);

        var error = Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() =>
            _dialect.BulkInsert(_connection, transaction, "keyed", [new("id", StoreType.Text)], [["a"], ["a"]]));

        error.Message.ShouldContain("UNIQUE constraint failed: keyed.id");
    }

    [Fact]
    public void InsertAbsent_InsertsNewFactsAndReturnsTheStoredOnesUntouched()
    {
        using var store = StoreSession.OpenMigrated(StoreDatabase.Sqlite(_connectionString), TimeProvider.System);
        var first = Fact("a", new DateTime(2025, 1, 2, 8, 0, 0));
        var changed = Fact("a", new DateTime(2025, 1, 3, 8, 0, 0));
        var other = Fact("b", new DateTime(2025, 1, 3, 9, 0, 0));

        using (var transaction = store.BeginWrite())
        {
            store.Facts.InsertAbsent([first]).ShouldBeEmpty();
            store.Facts.InsertAbsent([changed, other]).ShouldBe([changed]);
            transaction.Commit();
        }

        store.Facts.ReadKeys().ShouldBe([("a", first.UpdatedAt), ("b", other.UpdatedAt)]);
    }

    [Fact]
    public void ExecuteEach_RefusesAColumnTheStatementHasNoParameterFor()
    {
        using var store = StoreSession.OpenMigrated(StoreDatabase.Sqlite(_connectionString), TimeProvider.System);
        using var transaction = store.BeginWrite();

        Should.Throw<ArgumentException>(() => store.Dialect.ExecuteEach(store.Connection, store.Commands.RequireTransaction(), "PruneDailyPair",
                [new("day", StoreType.Day), new("pair_id", StoreType.Count), new("other", StoreType.Text)],
                [[new DateOnly(2025, 1, 2), 1L, "x"]]).ToList())
            .Message.ShouldContain("@other");
    }

    private static DossierFact Fact(string id, DateTime updatedAt) =>
        new(id, "U1", "P1", DateOnly.FromDateTime(updatedAt), null, DossierTraits.None, updatedAt);

    public void Dispose()
    {
        _connection.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
