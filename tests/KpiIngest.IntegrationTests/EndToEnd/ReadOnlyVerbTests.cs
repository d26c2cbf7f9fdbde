using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Verbs that only read (<c>report</c>, <c>migrate --script</c>, <c>check-source</c>) never create a store, a source
/// or a folder, and leave nothing behind when they fail: a mistyped path is an error naming the path (exit 2), not a
/// new empty store that reports "no snapshot yet"; a store that was never migrated is said to be so in one sentence,
/// not in the driver's "no such table".
/// </summary>
public sealed class ReadOnlyVerbTests
{
    [Theory]
    [InlineData("report")]
    [InlineData("report", "--alerts")]
    public async Task Report_StoreFileDoesNotExist_ExitsTwoNamingPathAndCreatesNothing(params string[] verb)
    {
        using var workspace = CreateProvince();
        var missing = Path.Combine(workspace.Root, "mistyped.db");
        PointStoreAt(workspace, missing);
        var before = Entries(workspace.Root);

        var result = await workspace.RunAsync(verb);

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain(missing, Case.Sensitive, result.Describe());
        Entries(workspace.Root).ShouldBe(before, "report only reads: it creates no store, no folder, no file");
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report", "--alerts")]
    public async Task Report_StoreNeverMigrated_SaysSoAndLeavesItUntouched(params string[] verb)
    {
        using var workspace = CreateProvince();
        var empty = Path.Combine(workspace.Root, "empty.db");
        File.WriteAllBytes(empty, []);
        PointStoreAt(workspace, empty);
        var before = Entries(workspace.Root);

        var result = await workspace.RunAsync(verb);

        result.ShouldExitWith(1);
        result.StdErr.ShouldContain("never been migrated", Case.Sensitive, result.Describe());
        result.StdErr.ShouldContain("kpi-ingest migrate", Case.Sensitive, result.Describe());
        result.Output.ShouldNotContain("no such table", Case.Insensitive, result.Describe());
        result.Output.ShouldNotContain("SqliteException", Case.Sensitive, result.Describe());
        new FileInfo(empty).Length.ShouldBe(0, "report only reads: the file is not made into a store");
        Entries(workspace.Root).ShouldBe(before, "report only reads: no -wal or -shm file either");
    }

    [Fact]
    public async Task MigrateScript_StoreFileDoesNotExist_WritesEveryMigrationAndCreatesNoStore()
    {
        using var workspace = CreateProvince();
        var script = Path.Combine(workspace.Root, "migrate.sql");

        (await workspace.RunAsync("migrate", "--script", script)).ShouldSucceed();

        File.ReadAllText(script).ShouldContain("0001_", Case.Sensitive, "a store not yet created needs every migration");
        workspace.Store.StoreFileExists.ShouldBeFalse("migrate --script writes the script and changes no store");
    }

    [Fact]
    public async Task MigrateScript_ScriptFolderDoesNotExist_FailsAndLeavesNothingBehind()
    {
        using var workspace = CreateProvince();
        var before = Entries(workspace.Root);

        var result = await workspace.RunAsync("migrate", "--script", Path.Combine(workspace.Root, "no-such-folder", "migrate.sql"));

        result.ExitCode.ShouldNotBe(0, result.Describe());
        result.StdErr.ShouldContain("no-such-folder", Case.Sensitive, result.Describe());
        Entries(workspace.Root).ShouldBe(before, "a failed migrate --script creates no store and no folder");
    }

    [Fact]
    public async Task CheckSource_SourceFileDoesNotExist_FailsAndLeavesNothingBehind()
    {
        using var workspace = CreateProvince();
        var missing = Path.Combine(workspace.Root, "no-such-folder", "source.db");
        workspace.Configure($$"""{ "Source": { "ConnectionString": "Data Source={{Json(missing)}}" } }""");
        var before = Entries(workspace.Root);

        var result = await workspace.RunAsync("check-source");

        result.ExitCode.ShouldNotBe(0, result.Describe());
        Entries(workspace.Root).ShouldBe(before, "check-source only reads: it creates no source, no store, no folder");
    }

    private static ProvinceWorkspace CreateProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        workspace.AddDossiers(new DossierRow("R1", "SO-TP", "P1"));
        return workspace;
    }

    private static void PointStoreAt(ProvinceWorkspace workspace, string path) =>
        workspace.Configure($$"""{ "Store": { "ConnectionString": "Data Source={{Json(path)}}" } }""");

    private static string Json(string path) => path.Replace("\\", "/", StringComparison.Ordinal);

    /// <summary>Every file and folder under <paramref name="root"/>, relative, sorted.</summary>
    private static List<string> Entries(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(root, e)).Order(StringComparer.Ordinal)];
}
