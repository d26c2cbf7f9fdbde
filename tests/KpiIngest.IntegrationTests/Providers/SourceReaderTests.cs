using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.Data.Source;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A server's <see cref="ISourceReader"/> against real tables: values come back typed and Core reads them as the
/// contract means them (local time of Source:TimeZone), pages are exact at fractional timestamps, the key stream is in
/// ordinal order whatever the database collation, and a column the reader cannot page on fails as a contract problem.
/// </summary>
public abstract class SourceReaderTests(DatabaseServer server)
{
    /// <summary>Ordinal order: A2 B0 D2 a10 b1 e Đ1. A Vietnamese or case-insensitive collation sorts them a10 A2 B0 b1 D2 Đ1 e.</summary>
    private static readonly string[] MixedIds = ["a10", "A2", "b1", "B0", "Đ1", "D2", "e"];

    private static readonly SourceTimeReader Times = new(ProvinceClock.Zone);

    [Theory]
    [InlineData(TimestampColumns.LocalTime)]
    [InlineData(TimestampColumns.Instant)]
    public void ReadChangedDossiers_TimestampColumns_ReadAsTheSameLocalTimes(TimestampColumns timestamps)
    {
        using var source = CreateSource(timestamps);
        source.AddDossiers(
        [
            new DossierRow("T1", "SO-TP", "P1")
            {
                ReceivedAt = "2024-04-30T17:30:00Z", DueAt = "2024-05-03 17:00:00", UpdatedAt = "2024-05-01 08:00:00.5",
            },
        ]);
        using var reader = Open(source);

        var row = reader.ReadChangedDossiers(DateTime.MinValue, null, 10).ShouldHaveSingleItem();

        Local(row.ReceivedAt).ShouldBe(new DateTime(2024, 5, 1, 0, 30, 0)); // 17:30Z is 00:30 the next day in Hà Nội
        Local(row.DueAt).ShouldBe(new DateTime(2024, 5, 3, 17, 0, 0));
        Local(row.UpdatedAt).ShouldBe(new DateTime(2024, 5, 1, 8, 0, 0, 500));
        if (timestamps == TimestampColumns.LocalTime)
        {
            row.UpdatedAt.ShouldBeOfType<DateTime>().Kind.ShouldBe(DateTimeKind.Unspecified);
        }
        else
        {
            (row.UpdatedAt is DateTimeOffset or DateTime { Kind: DateTimeKind.Utc }).ShouldBeTrue(
                $"an instant column comes back as an instant, not as {row.UpdatedAt?.GetType().Name}");
        }
    }

    [Theory]
    [InlineData(TimestampColumns.LocalTime)]
    [InlineData(TimestampColumns.Instant)]
    public void ReadChangedDossiers_FromLocalMidnight_ReadsOnlyRowsUpdatedAtOrAfterIt(TimestampColumns timestamps)
    {
        using var source = CreateSource(timestamps);
        source.AddDossiers(
        [
            new DossierRow("BEFORE", "SO-TP", "P1") { UpdatedAt = "2024-04-30 23:59:59.99" },
            new DossierRow("AT", "SO-TP", "P1") { UpdatedAt = "2024-05-01 00:00:00" },
            new DossierRow("AFTER", "SO-TP", "P1") { UpdatedAt = "2024-05-01 00:00:00.003" },
        ]);
        using var reader = Open(source);

        // The watermark is local time: for an instant column it means 2024-04-30 17:00Z, whatever the session's zone.
        var page = reader.ReadChangedDossiers(new DateTime(2024, 5, 1), null, 10);

        page.Select(r => r.DossierId).ShouldBe(["AT", "AFTER"]);
    }

    [Theory]
    [InlineData(TimestampColumns.LocalTime)]
    [InlineData(TimestampColumns.Instant)]
    public void ReadChangedDossiers_FromMinValue_ReadsEveryRow(TimestampColumns timestamps)
    {
        using var source = CreateSource(timestamps);
        source.AddDossiers(
        [
            new DossierRow("OLD", "SO-TP", "P1") { UpdatedAt = "1901-01-01 00:00:00" },
            new DossierRow("NEW", "SO-TP", "P1") { UpdatedAt = "2024-05-01 08:00:00" },
        ]);
        using var reader = Open(source);

        reader.ReadChangedDossiers(DateTime.MinValue, null, 10).Select(r => r.DossierId).ShouldBe(["OLD", "NEW"]);
    }

    [Theory]
    [InlineData(TimestampColumns.LocalTime)]
    [InlineData(TimestampColumns.Instant)]
    public void ReadDossiersWithKey_FractionalUpdatedAt_FindsTheRowThatEndsAPage(TimestampColumns timestamps)
    {
        // .003 and .007 s are exact in SQL Server's datetime (1/300 s) only as the datetime they came from.
        using var source = CreateSource(timestamps);
        source.AddDossiers(
        [
            new DossierRow("X0", "SO-TP", "P1") { UpdatedAt = "2024-05-01 08:00:00.003" },
            new DossierRow("X1", "SO-TP", "P1") { UpdatedAt = "2024-05-01 08:00:00.007" },
            new DossierRow("X2", "SO-TP", "P1") { UpdatedAt = "2024-05-01 08:00:00.007" },
        ]);
        using var reader = Open(source);

        var first = reader.ReadChangedDossiers(DateTime.MinValue, null, 2);
        first.Select(r => r.DossierId).ShouldBe(["X0", "X1"]);
        var cursor = new DossierCursor(first[^1].UpdatedAt!, first[^1].DossierId!);

        reader.ReadDossiersWithKey(cursor).Select(r => r.DossierId).ShouldBe(["X1"]);
        reader.ReadChangedDossiers(DateTime.MinValue, cursor, 2).Select(r => r.DossierId).ShouldBe(["X2"]);
    }

    [Fact]
    public void ReadChangedDossiers_UpdatedAtIsDate_ReadsTheWholeDayOfTheWatermarkAndPagesByDate()
    {
        using var source = CreateSource(TimestampColumns.LocalTime, new SourceShape { MissingDossierColumns = ["updated_at"] });
        source.AddDossiers([new DossierRow("A", "SO-TP", "P1"), new DossierRow("B", "SO-TP", "P1")]);
        source.Execute("ALTER TABLE src_dossier ADD updated_at date NULL");
        source.Execute("UPDATE src_dossier SET updated_at = CAST('2024-04-30' AS date) WHERE dossier_id = 'A'");
        source.Execute("UPDATE src_dossier SET updated_at = CAST('2024-05-01' AS date) WHERE dossier_id = 'B'");
        using var reader = Open(source);

        // B may have changed at 10:05 on 1 May; a date column cannot say, so the watermark's whole day is read again.
        reader.ReadChangedDossiers(new DateTime(2024, 5, 1, 10, 0, 0), null, 10).Select(r => r.DossierId).ShouldBe(["B"]);

        var first = reader.ReadChangedDossiers(DateTime.MinValue, null, 1).ShouldHaveSingleItem();
        first.DossierId.ShouldBe("A");
        var cursor = new DossierCursor(first.UpdatedAt!, first.DossierId!);
        reader.ReadDossiersWithKey(cursor).Select(r => r.DossierId).ShouldBe(["A"]);
        reader.ReadChangedDossiers(DateTime.MinValue, cursor, 1).Select(r => r.DossierId).ShouldBe(["B"]);
        Local(first.UpdatedAt).ShouldBe(new DateTime(2024, 4, 30));
    }

    [Fact]
    public void ReadChangedDossiers_PagesOfTwo_ReadEveryRowOnceInUpdatedAtOrder()
    {
        using var source = CreateSource(TimestampColumns.LocalTime);
        source.AddDossiers(MixedIds.Select((id, i) => new DossierRow(id, "SO-TP", "P1")
        {
            UpdatedAt = i < 4 ? "2024-05-01 08:00:00" : "2024-05-01 09:00:00",
        }));
        using var reader = Open(source);

        var read = new List<string>();
        DossierCursor? cursor = null;
        while (true)
        {
            var page = reader.ReadChangedDossiers(DateTime.MinValue, cursor, 2);
            read.AddRange(page.Select(r => (string)r.DossierId!));
            if (page.Count < 2)
            {
                break;
            }

            cursor = new DossierCursor(page[^1].UpdatedAt!, page[^1].DossierId!);
        }

        // Within one updated_at the order is the database's own (any consistent order pages correctly).
        read.Order(StringComparer.Ordinal).ShouldBe(MixedIds.Order(StringComparer.Ordinal));
        read.Take(4).Order(StringComparer.Ordinal).ShouldBe(MixedIds.Take(4).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadDossierKeys_MixedCaseAndVietnameseIds_AreInOrdinalOrder()
    {
        using var source = CreateSource(TimestampColumns.LocalTime);
        source.AddDossiers(MixedIds.Select(id => new DossierRow(id, "SO-TP", "P1")));
        using var reader = Open(source);

        // The reconciler merges this stream with the store's using string.CompareOrdinal.
        reader.ReadDossierKeys().Select(k => k.DossierId).ShouldBe(MixedIds.Order(StringComparer.Ordinal));
    }

    /// <summary>PostgreSQL reads a first ingest in one scan; SQL Server, whose scan may skip a row an update moves, refuses.</summary>
    [Fact]
    public void ReadAllDossiers_EveryRow_ReadOnceOrRefusedWhereAScanIsNotOneSnapshot()
    {
        using var source = CreateSource(TimestampColumns.LocalTime);
        source.AddDossiers(MixedIds.Select(id => new DossierRow(id, "SO-TP", "P1")));
        using var reader = Open(source);

        if (reader is SqlServerSourceReader)
        {
            reader.ScansOneSnapshot.ShouldBeFalse();
            Should.Throw<InvalidOperationException>(() => reader.ReadAllDossiers().ToList());
            return;
        }

        reader.ScansOneSnapshot.ShouldBeTrue();
        reader.ReadAllDossiers().Select(r => (string)r.DossierId!).Order(StringComparer.Ordinal)
            .ShouldBe(MixedIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadDossiersByIds_SomeUnknown_ReturnsTheRowsThatExist()
    {
        using var source = CreateSource(TimestampColumns.LocalTime);
        source.AddDossiers(MixedIds.Select(id => new DossierRow(id, "SO-TP", "P1")));
        using var reader = Open(source);

        reader.ReadDossiersByIds(["a10", "Đ1", "NO-SUCH"]).Select(r => (string)r.DossierId!).Order(StringComparer.Ordinal)
            .ShouldBe(["a10", "Đ1"]);
        reader.ReadDossiersByIds([]).ShouldBeEmpty();
    }

    [Fact]
    public void DescribeRelations_UpdatedAtIsText_ThrowsContractExceptionNamingColumnAndType()
    {
        using var source = CreateSource(TimestampColumns.LocalTime, new SourceShape { MissingDossierColumns = ["updated_at"] });
        source.Execute($"ALTER TABLE src_dossier ADD updated_at {server.Engine.TextType} NULL");
        using var reader = Open(source);

        var error = Should.Throw<SourceContractException>(() => reader.DescribeRelations());

        error.Message.ShouldContain("src_dossier.updated_at");
        error.Message.ShouldContain(server.Engine.TextType.Split('(')[0]);
    }

    [Fact]
    public void DescribeRelations_RelationMissing_IsNullAndOthersListTheirColumns()
    {
        using var source = CreateSource(TimestampColumns.LocalTime, new SourceShape { MissingRelations = ["src_procedure"] });
        using var reader = Open(source);

        var relations = reader.DescribeRelations();

        relations["src_procedure"].ShouldBeNull();
        relations["src_unit"].ShouldNotBeNull().ShouldBe(SourceContract.UnitColumns, ignoreOrder: true);
        relations["src_dossier"].ShouldNotBeNull().ShouldBe(SourceContract.DossierColumns, ignoreOrder: true);
    }

    private ContractTablesSource CreateSource(TimestampColumns timestamps, SourceShape? shape = null) =>
        new(server.CreateDatabase(), timestamps, shape);

    private static ISourceReader Open(ContractTablesSource source) =>
        SourceReaderFactory.Open(source.Provider, source.ConnectionString, source.Schema, ProvinceClock.Zone);

    private static DateTime Local(object? value)
    {
        Times.TryReadLocal(value.ShouldNotBeNull(), out var local, out var problem).ShouldBeTrue(problem);
        return local;
    }
}

public sealed class PostgreSqlSourceReaderTests(PostgreSqlServer server) : SourceReaderTests(server);

public sealed class SqlServerSourceReaderTests(SqlServerInstance server) : SourceReaderTests(server);
