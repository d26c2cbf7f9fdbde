using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Dashboard;

/// <summary>Which endpoints count as loopback only, and which settings the Service section refuses (exit 2).</summary>
public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://10.0.0.5:5080", false)]
    [InlineData("http://kpi.tinh.gov.vn:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081", false)]
    public void ListensOnLoopbackOnly_Urls_TellsWhetherTheEndpointIsReachableFromElsewhere(string urls, bool loopbackOnly) =>
        DashboardAccess.ListensOnLoopbackOnly(urls.Split(';')).ShouldBe(loopbackOnly);

    [Fact]
    public void Check_BeyondLoopbackWithoutKeyOrAnonymous_IsRefusedNamingBothKeys()
    {
        var service = new ServiceOptions { Health = new HealthOptions { Enabled = true, Urls = "http://0.0.0.0:5080" } };

        var error = Should.Throw<ConfigurationException>(() => ServiceSettingsCheck.Check(service));

        error.Message.ShouldContain("Service:Health:AccessKey");
        error.Message.ShouldContain("Service:Health:AllowAnonymous");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "key", false)]
    [InlineData("http://0.0.0.0:5080", null, true)]
    [InlineData("http://127.0.0.1:5080", null, false)]
    public void Check_KeyAnonymousOrLoopback_IsAccepted(string urls, string? key, bool anonymous)
    {
        var service = new ServiceOptions { Health = new HealthOptions { Enabled = true, Urls = urls, AccessKey = key, AllowAnonymous = anonymous } };

        Should.NotThrow(() => ServiceSettingsCheck.Check(service));
    }

    [Fact]
    public void Matches_OnlyTheConfiguredKey()
    {
        var access = new DashboardAccess(new HealthOptions { Urls = "http://0.0.0.0:5080", AccessKey = "khóa-bí-mật" });

        access.Matches("khóa-bí-mật").ShouldBeTrue();
        access.Matches("khóa-bí-mật ").ShouldBeFalse();
        access.Matches("").ShouldBeFalse();
        access.Matches(null).ShouldBeFalse();
        access.Description.ShouldNotContain("khóa-bí-mật");
    }
}
