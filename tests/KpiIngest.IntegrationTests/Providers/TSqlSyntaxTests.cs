using KpiIngest.Data;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Every T-SQL file KpiIngest ships or runs parses as SQL Server 2022 and 2019 accept it (ScriptDom's TSql160Parser and
/// TSql150Parser), batch by batch between GO lines, with no SQL Server at hand. A parse error fails the test naming the
/// grammar, the file and the line.
/// </summary>
public sealed class TSqlSyntaxTests
{
    private static readonly string[] Folders =
        [Path.Combine("deploy", "sql", DbEngine.SqlServer.ScriptFolder()), Path.Combine("src", "KpiIngest.Data", "Sql", EmbeddedSql.SourceArea, nameof(DbEngine.SqlServer))];

    public static TheoryData<string> Scripts => [.. ScriptPaths()];

    [Fact]
    public void Scripts_BothFolders_HoldTheDeployScriptsTheStoreMigrationsAndTheSourceQueries()
    {
        var scripts = ScriptPaths();

        // Guards the theory below against passing over nothing.
        scripts.ShouldContain("deploy/sql/sqlserver/reference-schema.sql");
        scripts.ShouldContain("deploy/sql/sqlserver/contract-views.sql");
        scripts.ShouldContain("deploy/sql/sqlserver/least-privilege.sql");
        scripts.ShouldContain("src/KpiIngest.Data/Sql/Source/SqlServer/ReadChangedDossiers.sql");
        scripts.Count(s => s.StartsWith("src/KpiIngest.Data/Sql/Source/SqlServer/", StringComparison.Ordinal))
            .ShouldBe(Directory.GetFiles(RepositoryFiles.Path("src", "KpiIngest.Data", "Sql", EmbeddedSql.SourceArea, nameof(DbEngine.Sqlite)), "*.sql").Length + 2 - 1,
                "the SQLite source queries, plus DescribeRelations and ReadChangedDossiersAfter, but ReadAllDossiers (SQL Server reads pages only)");
        scripts.Where(s => s.StartsWith("deploy/sql/sqlserver/store/", StringComparison.Ordinal))
            .ShouldBe(StoreMigrations.Names(DbEngine.Sqlite).Select(name => "deploy/sql/sqlserver/store/" + name),
                "the store migrations, one for each SQLite migration");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Parse_Script_HasNoSyntaxError(string path)
    {
        // Queries name their relations {schema}.name; the reader puts a quoted identifier there.
        var script = File.ReadAllText(RepositoryFiles.Path(path)).Replace(EmbeddedSql.SchemaPlaceholder, "[dbo]", StringComparison.Ordinal);
        var problems = new List<string>();
        var batches = TSqlBatches.Split(script);
        batches.ShouldNotBeEmpty($"{path} holds no T-SQL");
        foreach (var (firstLine, text) in batches)
        {
            var (parsed, errors) = TSqlGrammars.Parse(text, (line, column) => $"{path}:{firstLine + line - 1}:{column}");
            problems.AddRange(errors);
            if (parsed is not null)
            {
                problems.AddRange(BatchRuleViolations(parsed).Select(p => $"{path}:{firstLine}: {p}"));
            }
        }

        problems.ShouldBeEmpty();
    }

    /// <summary>Every store statement as the SQL Server store runs it: its own file where it has one, else the shared one.</summary>
    public static TheoryData<string> StoreStatementNames => [.. EmbeddedSql.Data.Names(EmbeddedSql.StoreArea, DbEngine.SqlServer)];

    [Fact]
    public void StoreStatements_Names_CoverTheSharedAndTheSqlServerFiles()
    {
        var names = EmbeddedSql.Data.Names(EmbeddedSql.StoreArea);

        names.ShouldContain("ApplyStagedDailyPairs");
        names.ShouldContain("UpsertAlert");
        EmbeddedSql.Data.Names(EmbeddedSql.StoreArea, DbEngine.SqlServer).ShouldNotContain("InsertFactIfAbsent", "SQLite's row path has no SQL Server text");
        EmbeddedSql.Data.Names(EmbeddedSql.StoreArea, DbEngine.SqlServer).ShouldContain("ApplyStagedDailyPairs");
        names.Count.ShouldBe(Directory.GetFiles(RepositoryFiles.Path("src", "KpiIngest.Data", "Sql", "Store"), "*.sql", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(StoreStatementNames))]
    public void Parse_StoreStatementForSqlServer_HasNoSyntaxError(string name)
    {
        var dialect = new SqlServerStoreDialect("kpi");

        // "IN @list" is Dapper's list parameter; it sends "IN (@list1, @list2, ...)".
        var sql = System.Text.RegularExpressions.Regex.Replace(dialect.Sql(name), @"\bIN @(\w+)", "IN (@$1_1, @$1_2)");
        var (parsed, errors) = TSqlGrammars.Parse(sql, (line, column) => $"{name}:{line}:{column}");

        errors.ShouldBeEmpty(sql);
        BatchRuleViolations(parsed!).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_VersionTableScriptForSqlServer_HasNoSyntaxError()
    {
        var dialect = new SqlServerStoreDialect("kpi");
        foreach (var batch in dialect.Batches(dialect.VersionTableScript))
        {
            TSqlGrammars.Parse(batch, (line, column) => $"{line}:{column}").Errors.ShouldBeEmpty(batch);
        }
    }

    private static List<string> ScriptPaths() =>
        [.. Folders.SelectMany(folder => Directory.GetFiles(RepositoryFiles.Path(folder), "*.sql", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryFiles.Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>What the parser accepts but SQL Server refuses: a module definition sharing its batch.</summary>
    private static IEnumerable<string> BatchRuleViolations(TSqlScript script) =>
        script.Batches
            .Where(batch => batch.Statements.Count > 1)
            .SelectMany(batch => batch.Statements)
            .Where(statement => statement is ViewStatementBody or ProcedureStatementBody or FunctionStatementBody or TriggerStatementBody)
            .Select(statement => $"{statement.GetType().Name} must be the only statement in its batch (end the batch with GO)");
}
