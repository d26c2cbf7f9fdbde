using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Configuration;

/// <summary>
/// The strict shape check refuses misspelt keys and values of the wrong type; these make sure it refuses nothing
/// the project documents (every key of appsettings.Sample.json and the Linux deployment's file) and names the key
/// of what it refuses without showing the value.
/// </summary>
public sealed class ConfigurationShapeTests
{
    [Theory]
    [InlineData("appsettings.Sample.json")]
    [InlineData("deploy/linux/appsettings.json")]
    public void DocumentedSettingsFile_FitsEverySection(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Path(file.Split('/')), optional: false).Build();

        foreach (var (section, error) in Errors(configuration))
        {
            error.ShouldBeNull($"{file}, section {section}");
        }
    }

    [Fact]
    public void SecretKeyGivenASection_NamesTheKeyWithoutItsValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Smtp:Password:secret-part"] = "hunter2",
        }).Build();

        var error = ConfigurationShape.FirstError<EmailOptions>(configuration, EmailOptions.Section);

        error.ShouldNotBeNull().ShouldContain("Email:Smtp:Password");
        error.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData("Source:Retry:Delay", "00:00:02", null)]
    [InlineData("Source:Retry:Delay", "1.00:00:00", null)]
    [InlineData("Source:Retry:Delay", "2", "Source:Retry:Delay")]
    [InlineData("Source:BatchSize", "-5", null)]
    [InlineData("Source:BatchSize", "5000.0", "Source:BatchSize")]
    [InlineData("Source:Schema", "", null)]
    public void SourceValue_IsCheckedAgainstItsType(string key, string value, string? named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = ConfigurationShape.FirstError<SourceOptions>(configuration, SourceOptions.Section);

        if (named is null)
        {
            error.ShouldBeNull();
        }
        else
        {
            error.ShouldNotBeNull().ShouldContain(named);
        }
    }

    private static IEnumerable<(string Section, string? Error)> Errors(IConfiguration configuration)
    {
        yield return (SourceOptions.Section, ConfigurationShape.FirstError<SourceOptions>(configuration, SourceOptions.Section));
        yield return (StoreOptions.Section, ConfigurationShape.FirstError<StoreOptions>(configuration, StoreOptions.Section));
        yield return (ScheduleOptions.Section, ConfigurationShape.FirstError<ScheduleOptions>(configuration, ScheduleOptions.Section));
        yield return (ProvinceOptions.Section, ConfigurationShape.FirstError<ProvinceOptions>(configuration, ProvinceOptions.Section));
        yield return (SnapshotsOptions.Section, ConfigurationShape.FirstError<SnapshotsOptions>(configuration, SnapshotsOptions.Section));
        yield return (AlertsOptions.Section, ConfigurationShape.FirstError<AlertsOptions>(configuration, AlertsOptions.Section));
        yield return (RetentionOptions.Section, ConfigurationShape.FirstError<RetentionOptions>(configuration, RetentionOptions.Section));
        yield return (ServiceOptions.Section, ConfigurationShape.FirstError<ServiceOptions>(configuration, ServiceOptions.Section));
        yield return (EmailOptions.Section, ConfigurationShape.FirstError<EmailOptions>(configuration, EmailOptions.Section));
        yield return (TargetsOptions.Section, ConfigurationShape.FirstError<TargetsOptions>(configuration, TargetsOptions.Section));
    }
}
