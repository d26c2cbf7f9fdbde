using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// operations.md: a bad verb, option or configuration exits with code 2 and one clear sentence naming the setting,
/// before any work. Each test starts from a valid workspace and breaks one thing; the wording is the CLI's own, so
/// only the key it must name is checked.
/// </summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("Source:Provider", """{ "Source": { "Provider": "Oracle" } }""")]
    [InlineData("Source:ConnectionString", """{ "Source": { "ConnectionString": "" } }""")]
    [InlineData("Source:TimeZone", """{ "Source": { "TimeZone": "Mars/Olympus_Mons" } }""")]
    [InlineData("Source:Retry:MaxRetries", """{ "Source": { "Retry": { "MaxRetries": 0 } } }""")]
    [InlineData("Source:TransactionRows", """{ "Source": { "TransactionRows": 10 } }""")]
    [InlineData("Source:Retry:Delay", """{ "Source": { "Retry": { "Delay": "-00:00:01" } } }""")]
    [InlineData("Schedule:Poll", """{ "Schedule": { "Poll": "every fifteen minutes" } }""")]
    [InlineData("Store:Provider", """{ "Store": { "Provider": "MySql" } }""")]
    [InlineData("Email:Smtp:Host", """{ "Email": { "Smtp": { "Host": "smtp relay.tinh.gov.vn" } } }""")]
    [InlineData("Email:Smtp:Timeout", """{ "Email": { "Smtp": { "Timeout": "00:00:00" } } }""")]
    [InlineData("Email:Smtp:Timeout", """{ "Email": { "Smtp": { "Timeout": "01:00:00" } } }""")]
    [InlineData("Email:Smtp:Timeout", """{ "Email": { "Smtp": { "Timeout": "thirty seconds" } } }""")]
    [InlineData("Email:Smtp:ImplicitTls", """{ "Email": { "Smtp": { "ImplicitTls": "sometimes" } } }""")]
    [InlineData("Email:Smtp:ImplicitTls", """{ "Email": { "Smtp": { "ImplicitTls": true, "UseStartTls": true } } }""")]
    [InlineData("Email:Smtp:ServerCertificateThumbprint", """{ "Email": { "Smtp": { "ServerCertificateThumbprint": "not-hex" } } }""")]
    [InlineData("Email:Smtp:ServerCertificateThumbprint", """{ "Email": { "Smtp": { "ServerCertificateThumbprint": "AB:CD:EF" } } }""")]
    [InlineData("Email:Smtp:ServerCertificateThumbprint",
        """{ "Email": { "Smtp": { "UseStartTls": false, "ServerCertificateThumbprint": "0000000000000000000000000000000000000000" } } }""")]
    public async Task Once_BadSetting_ExitsTwoNamingTheKeyBeforeAnyWork(string key, string overrides)
    {
        using var workspace = CreateValidWorkspace();
        workspace.Configure(overrides);

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ShouldBeConfigurationError(result, workspace, key);
    }

    [Theory]
    [InlineData("ONLINE_DOSSIER", 120)]
    [InlineData("DIGITIZED", -1)]
    [InlineData("NOT_AN_INDICATOR", 50)]
    public async Task Once_BadTarget_ExitsTwoNamingTargetsAndTheIndicator(string code, int target)
    {
        using var workspace = CreateValidWorkspace();
        workspace.Configure(
            $$"""
            { "Targets": { "Sets": [ {
                "EffectiveFrom": "2024-01-01", "Source": "Test set",
                "Default": { "ONLINE_PAYMENT": 45, "{{code}}": {{target}} } } ] } }
            """);

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ShouldBeConfigurationError(result, workspace, "Targets", code);
    }

    [Theory]
    [InlineData("frobnicate")]                                  // no such verb
    [InlineData("once", "--no-such-option")]                    // no such option
    [InlineData("once", "--date", "2024-13-45")]                // not a yyyy-MM-dd date
    [InlineData("report", "--format", "xml")]                   // not one of table, csv, json
    public async Task Cli_BadVerbOrOption_ExitsTwoBeforeAnyWork(params string[] arguments)
    {
        using var workspace = CreateValidWorkspace();

        var result = await workspace.RunAsync(arguments);

        result.ShouldExitWith(2);
        result.StdErr.ShouldNotBeNullOrWhiteSpace(result.Describe());
        workspace.Store.RunsIfAny().ShouldBeEmpty("a usage error is reported before any work");
    }

    internal static ProvinceWorkspace CreateValidWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 });
        workspace.AddDossiers(new DossierRow("D1", "SO-TP", "P1") { Channel = 2 });
        return workspace;
    }

    internal static void ShouldBeConfigurationError(CliResult result, ProvinceWorkspace workspace, params string[] mentions)
    {
        result.ShouldExitWith(2);
        foreach (var mention in mentions)
        {
            result.StdErr.ShouldContain(mention, Case.Insensitive, $"stderr must name {mention}.{Environment.NewLine}{result.Describe()}");
        }

        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }
}
