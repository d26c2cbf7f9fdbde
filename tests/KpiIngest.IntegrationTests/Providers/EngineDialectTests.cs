using System.Data;
using KpiIngest.Data;
using KpiIngest.Data.Dialects;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.SqlClient;
using Npgsql;
using NpgsqlTypes;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The one dialect per engine that the store and the source readers share: how a schema is named and how a value
/// travels as a parameter, typed like the column it meets. These need no server, so the SQL Server typing, which
/// the SQL Server suites check against a real server, is held here too on a machine that has none.
/// </summary>
public sealed class EngineDialectTests
{
    [Theory]
    [InlineData(DbEngine.Sqlite)]
    [InlineData(DbEngine.PostgreSql)]
    [InlineData(DbEngine.SqlServer)]
    public void For_EachEngine_IsTheDialectTheStoreUses(DbEngine engine)
    {
        var dialect = EngineDialect.For(engine);

        dialect.Engine.ShouldBe(engine);
        StoreDialect.For(engine, "kpi").EngineDialect.ShouldBeSameAs(dialect);
    }

    [Fact]
    public void SchemaPrefix_Servers_QuoteTheSchemaAndSqliteHasNone()
    {
        EngineDialect.Sqlite.SchemaPrefix("kpi").ShouldBe("");
        EngineDialect.PostgreSql.SchemaPrefix("kpi").ShouldBe("\"kpi\".");
        EngineDialect.SqlServer.SchemaPrefix("kp]i").ShouldBe("[kp]]i].");
    }

    [Fact]
    public void Local_Sqlite_IsTheTextTheContractAndTheStoreWrite()
    {
        var local = new DateTime(2024, 4, 30, 7, 5, 9, 120);

        EngineDialect.Sqlite.Local(local).ShouldBe("2024-04-30 07:05:09.12");
        EngineDialect.Sqlite.Day(new DateOnly(2024, 4, 30)).ShouldBe("2024-04-30");
        EngineDialect.Sqlite.Utc(new DateTimeOffset(local, TimeSpan.FromHours(7))).ShouldBe("2024-04-30T00:05:09.120Z");
    }

    [Theory]
    [InlineData("datetime", "2024-04-30 12:00:59")]
    [InlineData("smalldatetime", "2024-04-30 12:00:00")]
    [InlineData("date", "2024-04-30 00:00:00")]
    [InlineData("datetime2", "2024-04-30 12:00:59.9999999")]
    public void Watermark_SqlServerColumnType_IsRoundedDownToItsPrecision(string columnType, string expected)
    {
        var from = new DateTime(2024, 4, 30, 12, 0, 59).AddTicks(9_999_999);

        var value = EngineDialect.SqlServer.Watermark(from, columnType, ProvinceClock.Zone);

        value.ShouldBe(StoreFormat.ParseLocal(expected));
    }

    /// <summary>
    /// The first run's watermark travels as the DateTime it is: taken for an instant in the host's zone, it was out of
    /// range on a host east of UTC (Vietnam's), and every run there failed before reading a row.
    /// </summary>
    [Fact]
    public void Watermark_SqlServerDatetime2FirstRun_IsDateTimeMinValueNotAnInstant()
    {
        var value = EngineDialect.SqlServer.Watermark(DateTime.MinValue, "datetime2", ProvinceClock.Zone);

        value.ShouldBeOfType<DateTime>().ShouldBe(DateTime.MinValue);
    }

    [Fact]
    public void Watermark_SqlServerDatetimeBeforeItsRange_IsItsFirstDay()
    {
        EngineDialect.SqlServer.Watermark(DateTime.MinValue, "datetime", ProvinceClock.Zone).ShouldBe(new DateTime(1753, 1, 1));
        EngineDialect.SqlServer.Watermark(DateTime.MinValue, "smalldatetime", ProvinceClock.Zone).ShouldBe(new DateTime(1900, 1, 1));
    }

    [Fact]
    public void Watermark_InstantColumn_IsTheInstantTheLocalTimeNames()
    {
        var from = new DateTime(2024, 4, 30, 7, 0, 0);
        var offset = ProvinceClock.Zone.GetUtcOffset(from);

        EngineDialect.SqlServer.Watermark(from, "datetimeoffset", ProvinceClock.Zone).ShouldBe(new DateTimeOffset(from, offset));
        EngineDialect.PostgreSql.Watermark(from, "timestamp with time zone", ProvinceClock.Zone).ShouldBe(from - offset);
        ((DateTime)EngineDialect.PostgreSql.Watermark(DateTime.MinValue, "timestamp with time zone", ProvinceClock.Zone)).Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("datetime", SqlDbType.DateTime)]
    [InlineData("DATETIME2", SqlDbType.DateTime2)]
    [InlineData("datetimeoffset", SqlDbType.DateTimeOffset)]
    [InlineData(null, SqlDbType.DateTime2)]
    public void TimestampParameter_SqlServer_IsOfTheColumnsType(string? columnType, SqlDbType expected)
    {
        var parameter = (SqlParameter)EngineDialect.SqlServer.TimestampParameter("@updatedAt", new DateTime(2024, 4, 30), columnType);

        parameter.SqlDbType.ShouldBe(expected);
    }

    [Theory]
    [InlineData("varchar", SqlDbType.VarChar, 8000)]
    [InlineData("CHAR", SqlDbType.VarChar, 8000)]
    [InlineData("nvarchar", SqlDbType.NVarChar, 4000)]
    [InlineData(null, SqlDbType.NVarChar, 4000)]
    public void KeyParameter_SqlServer_IsOfTheColumnsTextTypeSizedForPlanReuse(string? columnType, SqlDbType expected, int size)
    {
        var parameter = (SqlParameter)EngineDialect.SqlServer.KeyParameter("@afterId", "HS-001", columnType);

        parameter.SqlDbType.ShouldBe(expected);
        parameter.Size.ShouldBe(size);
    }

    [Fact]
    public void KeyParameter_SqlServerKeyLongerThanTheSize_IsMax()
    {
        ((SqlParameter)EngineDialect.SqlServer.KeyParameter("@afterId", new string('k', 4001), "nvarchar")).Size.ShouldBe(-1);
    }

    [Theory]
    [InlineData(StoreType.Day, SqlDbType.Date)]
    [InlineData(StoreType.Utc, SqlDbType.DateTime2)]
    [InlineData(StoreType.Local, SqlDbType.DateTime2)]
    public void SetParameterType_SqlServerStoreDateOrTimestamp_IsTheStoreColumnsType(StoreType type, SqlDbType expected)
    {
        var parameter = new SqlParameter { ParameterName = "@value" };

        EngineDialect.SqlServer.SetParameterType(parameter, type);

        parameter.SqlDbType.ShouldBe(expected);
    }

    [Theory]
    [InlineData("timestamp without time zone", NpgsqlDbType.Timestamp)]
    [InlineData("timestamp with time zone", NpgsqlDbType.TimestampTz)]
    [InlineData("date", NpgsqlDbType.Date)]
    public void TimestampParameter_PostgreSql_IsOfTheColumnsType(string columnType, NpgsqlDbType expected)
    {
        var parameter = (NpgsqlParameter)EngineDialect.PostgreSql.TimestampParameter("@updatedAt", new DateTime(2024, 4, 30), columnType);

        parameter.NpgsqlDbType.ShouldBe(expected);
    }

    [Fact]
    public void KeyListParameter_EachEngine_CarriesEveryKey()
    {
        string[] keys = ["HS-1", "HS-2"];

        EngineDialect.Sqlite.KeyListParameter("@ids", keys).Value.ShouldBe("[\"HS-1\",\"HS-2\"]");
        EngineDialect.SqlServer.KeyListParameter("@ids", keys).Value.ShouldBe("[\"HS-1\",\"HS-2\"]");
        ((NpgsqlParameter)EngineDialect.PostgreSql.KeyListParameter("@ids", keys)).NpgsqlDbType.ShouldBe(NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}
