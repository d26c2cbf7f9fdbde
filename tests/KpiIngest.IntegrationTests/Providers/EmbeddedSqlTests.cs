using KpiIngest.Data;
using KpiIngest.Data.Dialects;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The one loader of embedded SQL, the one list of engines: what runs is the file a DBA reads in the repository, an
/// engine's own file where it has one, else the shared one.
/// </summary>
public sealed class EmbeddedSqlTests
{
    [Fact]
    public void Statement_EngineWithItsOwnFile_IsThatFileElseTheSharedOne()
    {
        EmbeddedSql.Data.Statement(EmbeddedSql.StoreArea, DbEngine.SqlServer, "AcquireLease")
            .ShouldBe(RepositoryFiles.Read("src", "KpiIngest.Data", "Sql", EmbeddedSql.StoreArea, nameof(DbEngine.SqlServer), "AcquireLease.sql"));
        EmbeddedSql.Data.Statement(EmbeddedSql.StoreArea, DbEngine.PostgreSql, "AcquireLease")
            .ShouldBe(RepositoryFiles.Read("src", "KpiIngest.Data", "Sql", EmbeddedSql.StoreArea, "AcquireLease.sql"));
    }

    [Theory]
    [InlineData(DbEngine.Sqlite)]
    [InlineData(DbEngine.PostgreSql)]
    [InlineData(DbEngine.SqlServer)]
    public void Statement_EverySourceQueryOfAnEngine_IsItsFile(DbEngine engine)
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("src", "KpiIngest.Data", "Sql", EmbeddedSql.SourceArea, engine.ToString()), "*.sql");

        files.ShouldNotBeEmpty();
        EmbeddedSql.Data.Names(EmbeddedSql.SourceArea, engine).ShouldBe(files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            EmbeddedSql.Data.Statement(EmbeddedSql.SourceArea, engine, Path.GetFileNameWithoutExtension(file)).ShouldBe(File.ReadAllText(file));
        }
    }

    [Fact]
    public void Statement_Missing_ThrowsNamingItAndTheEngine()
    {
        var error = Should.Throw<InvalidOperationException>(() => EmbeddedSql.Data.Statement(EmbeddedSql.StoreArea, DbEngine.Sqlite, "NoSuchStatement"));

        error.Message.ShouldContain("NoSuchStatement");
        error.Message.ShouldContain("Sqlite");
    }

    [Theory]
    [InlineData(DbEngine.Sqlite)]
    [InlineData(DbEngine.PostgreSql)]
    [InlineData(DbEngine.SqlServer)]
    public void Migrations_OfEachEngine_AreTheDeployFilesInOrder(DbEngine engine)
    {
        var dialect = StoreDialect.For(engine, "kpi");

        dialect.Migrations().Select(m => m.Name + ".sql").ShouldBe(StoreMigrations.Names(engine));
        dialect.Migrations().Select(m => m.Sql).ShouldBe(StoreMigrations.Files(engine).Select(File.ReadAllText));
    }

    [Fact]
    public void WithSchema_Prefix_ReplacesThePlaceholderAndItsDot()
    {
        const string Sql = "SELECT unit_id FROM {schema}.src_unit JOIN {schema}.src_dossier ON 1 = 1";

        EmbeddedSql.WithSchema(Sql, EngineDialect.SqlServer.SchemaPrefix("dbo"))
            .ShouldBe("SELECT unit_id FROM [dbo].src_unit JOIN [dbo].src_dossier ON 1 = 1");
        EmbeddedSql.WithSchema(Sql, "").ShouldBe("SELECT unit_id FROM src_unit JOIN src_dossier ON 1 = 1");
    }

    [Fact]
    public void QuoteIdentifier_QuoteInside_IsDoubled()
    {
        EngineDialect.SqlServer.QuoteIdentifier("a]b").ShouldBe("[a]]b]");
        EngineDialect.PostgreSql.QuoteIdentifier("a\"b").ShouldBe("\"a\"\"b\"");
    }

    [Theory]
    [InlineData(nameof(DbEngine.Sqlite), true)]
    [InlineData(nameof(DbEngine.PostgreSql), true)]
    [InlineData(nameof(DbEngine.SqlServer), true)]
    [InlineData("Oracle", false)]
    [InlineData("", false)]
    [InlineData("1", false)]
    public void TryParse_ProviderName_AcceptsTheEngineNamesOnly(string name, bool known)
    {
        DbEngines.TryParse(name, out var engine).ShouldBe(known);
        if (known)
        {
            engine.ToString().ShouldBe(name);
        }
    }
}
