using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Issue #14: a value that does not fit its setting's type is an error (exit 2, one sentence naming the key), never
/// skipped or read loosely; a malformed JSON file is one sentence naming the file and the line; a misspelt key in one
/// of KpiIngest's sections is refused; and each verb checks only the sections it uses. Through the real CLI.
/// </summary>
public sealed class ConfigurationValueTests
{
    /// <summary>
    /// Numbers written as text (the binder skipped a dictionary value or list element it could not convert: the target
    /// simply vanished), a decimal comma, a bool, a TimeSpan and an int written the way a person might, and a single
    /// value where a list is expected (bound as an empty list, so the default applied).
    /// </summary>
    [Theory]
    [InlineData("Targets:Sets:0:Default:ONLINE_DOSSIER", "number", """{ "Targets": { "Sets": [ { "EffectiveFrom": "2024-01-01", "Default": { "ONLINE_DOSSIER": "fifty" } } ] } }""")]
    [InlineData("Targets:Sets:0:Levels:0:Level", "number", """{ "Targets": { "Sets": [ { "EffectiveFrom": "2024-01-01", "Levels": [ { "Level": "three" } ] } ] } }""")]
    [InlineData("Targets:Sets:0:Units:0:Targets:DIGITIZED", "number", """{ "Targets": { "Sets": [ { "EffectiveFrom": "2024-01-01", "Units": [ { "UnitId": "SO-TP", "Targets": { "DIGITIZED": "ninety" } } ] } ] } }""")]
    [InlineData("Targets:Sets:0:Default:ONLINE_DOSSIER", "50.5", """{ "Targets": { "Sets": [ { "EffectiveFrom": "2024-01-01", "Default": { "ONLINE_DOSSIER": "50,5" } } ] } }""")]
    [InlineData("Alerts:CriticalGapPoints", "decimal comma", """{ "Alerts": { "CriticalGapPoints": "7,5" } }""")]
    [InlineData("Service:Health:Enabled", "true or false", """{ "Service": { "Health": { "Enabled": "yes" } } }""")]
    [InlineData("Service:Lease:Expiry", "hh:mm:ss", """{ "Service": { "Lease": { "Expiry": "5 minutes" } } }""")]
    [InlineData("Source:PollOverlap", "hh:mm:ss", """{ "Source": { "PollOverlap": "10" } }""")]
    [InlineData("Source:BatchSize", "whole number", """{ "Source": { "BatchSize": "1e3" } }""")]
    [InlineData("Source:FirstIngestScan", "true or false", """{ "Source": { "FirstIngestScan": "maybe" } }""")]
    [InlineData("Snapshots:Periods", "must be a list", """{ "Snapshots": { "Periods": "MTD" } }""")]
    [InlineData("Email:Recipients:0:To", "must be a list", """{ "Email": { "Recipients": [ { "Scope": "PROVINCE", "To": "a@b.vn" } ] } }""")]
    [InlineData("Email:Recipients", "must be a list", """{ "Email": { "Recipients": { "Scope": "PROVINCE", "To": [ "a@b.vn" ] } } }""")]
    public async Task Once_ValueThatDoesNotFitItsSetting_ExitsTwoNamingTheKeyAndTheForm(string key, string form, string overrides)
    {
        using var workspace = CreateValidWorkspace();
        workspace.Configure(overrides);

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ShouldBeConfigurationError(result, workspace, key, form);
    }

    [Fact]
    public async Task Once_MisspeltKeyInASection_ExitsTwoNamingIt()
    {
        using var workspace = CreateValidWorkspace();
        workspace.Configure("""{ "Source": { "Conection String": "Data Source=elsewhere.db" } }""");

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ShouldBeConfigurationError(result, workspace, "Source:Conection String", "spelling");
    }

    [Fact]
    public async Task Once_MisspeltKeyFromAnEnvironmentVariable_ExitsTwoNamingIt()
    {
        using var workspace = CreateValidWorkspace();

        var result = await workspace.RunAsync(new Dictionary<string, string> { ["Email__Smtp__Pasword"] = "not shown" }, "once", "--date", "2024-04-30");

        ShouldBeConfigurationError(result, workspace, "Email:Smtp:Pasword");
        result.Output.ShouldNotContain("not shown");
    }

    /// <summary>Environment variables still set the documented keys, whatever their case.</summary>
    [Fact]
    public async Task Once_DocumentedKeysFromEnvironmentVariables_AreAccepted()
    {
        using var workspace = CreateValidWorkspace();

        var result = await workspace.RunAsync(
            new Dictionary<string, string> { ["SOURCE__BATCHSIZE"] = "100", ["Service__Lease__Wait"] = "00:01:00", ["Snapshots__Periods__0"] = "MTD" },
            "once", "--date", "2024-04-30");

        result.ShouldSucceed();
    }

    /// <summary>Each JSON layer: the --config file (for a verb and for the service) and appsettings.json in the content root.</summary>
    [Theory]
    [InlineData("config.json", "once", "--date", "2024-04-30")]
    [InlineData("config.json", "run")]
    [InlineData("appsettings.json", "once", "--date", "2024-04-30")]
    [InlineData("appsettings.json", "run")]
    public async Task Verb_MalformedJsonFile_ExitsTwoNamingTheFileAndLine(string file, params string[] arguments)
    {
        using var workspace = CreateValidWorkspace();
        var path = Path.Combine(workspace.Root, file);
        File.WriteAllText(path, "{\n  \"Source\": {\n    \"BatchSize\": 100,,\n  }\n}\n");

        var result = await workspace.RunWithoutConfigAsync(
            file == "config.json" ? [.. arguments, "--config", path, "--content-root", workspace.Root] : [.. arguments, "--content-root", workspace.Root]);

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain(path, Case.Sensitive, result.Describe());
        result.StdErr.ShouldContain("line 3", Case.Insensitive, result.Describe());
        result.StdErr.ShouldNotContain("   at ", Case.Sensitive, "one sentence, no stack trace");
        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }

    /// <summary>report reads the store only: no Source settings at all, or bad ones, are not its business.</summary>
    [Theory]
    [InlineData("""{ "Store": { "Provider": "Sqlite", "ConnectionString": "Data Source=kpi.db" } }""")]
    [InlineData("""{ "Source": { "Provider": "Oracle", "ConnectionString": "", "TimeZone": "Mars/Olympus_Mons" }, "Store": { "ConnectionString": "Data Source=kpi.db" } }""")]
    public async Task ReportAndMigrate_NoOrBadSourceSettings_Work(string config)
    {
        using var workspace = CreateValidWorkspace();
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var storeOnly = Path.Combine(workspace.Root, "store-only.json");
        File.WriteAllText(storeOnly, config);

        (await workspace.RunWithoutConfigAsync("migrate", "--config", storeOnly, "--content-root", workspace.Root)).ShouldSucceed();
        var report = await workspace.RunWithoutConfigAsync("report", "--config", storeOnly, "--content-root", workspace.Root, "--format", "csv");

        report.ShouldSucceed();
        report.StdOut.ShouldContain("2024-04-30", Case.Sensitive, report.Describe());
    }

    /// <summary>A verb that reads the source still refuses bad Source settings.</summary>
    [Fact]
    public async Task CheckSource_BadSourceSettings_ExitsTwo()
    {
        using var workspace = CreateValidWorkspace();
        workspace.Configure("""{ "Source": { "Provider": "Oracle" } }""");

        var result = await workspace.RunAsync("check-source");

        ShouldBeConfigurationError(result, workspace, "Source:Provider");
    }

    private static ProvinceWorkspace CreateValidWorkspace() => ConfigurationErrorTests.CreateValidWorkspace();

    /// <summary>As <see cref="ConfigurationErrorTests"/> checks it, and in exactly one line.</summary>
    private static void ShouldBeConfigurationError(CliResult result, ProvinceWorkspace workspace, params string[] mentions)
    {
        ConfigurationErrorTests.ShouldBeConfigurationError(result, workspace, mentions);
        result.StdErr.Trim().Split('\n').Length.ShouldBe(1, $"one sentence.{Environment.NewLine}{result.Describe()}");
    }
}
