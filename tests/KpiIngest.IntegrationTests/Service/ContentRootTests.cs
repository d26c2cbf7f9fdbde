using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>Relative paths resolve against the executable's folder only when a service manager started the process.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public void DetectManager_ConsoleOnLinux_IsNone()
    {
        ContentRoot.DetectManager(Linux(parent: (4321, "bash"))).ShouldBe(ServiceManager.None);
    }

    [Fact]
    public void DetectManager_SystemdExecPidIsThisProcess_IsSystemd()
    {
        ContentRoot.DetectManager(Linux((1, "systemd"), ("SYSTEMD_EXEC_PID", "1000"), ("INVOCATION_ID", "abc"))).ShouldBe(ServiceManager.Systemd);
    }

    [Fact]
    public void DetectManager_SystemdExecPidOfAnotherProcess_IsNone()
    {
        // A test runner or a shell script inside a unit passes the variables on to its children.
        ContentRoot.DetectManager(Linux((999, "dotnet"), ("SYSTEMD_EXEC_PID", "999"), ("INVOCATION_ID", "abc"))).ShouldBe(ServiceManager.None);
    }

    [Fact]
    public void DetectManager_OlderSystemdInvocationIdWithSystemdParent_IsSystemd()
    {
        ContentRoot.DetectManager(Linux((1, "systemd"), ("INVOCATION_ID", "abc"))).ShouldBe(ServiceManager.Systemd);
    }

    [Fact]
    public void DetectManager_InheritedInvocationIdUnderAShell_IsNone()
    {
        ContentRoot.DetectManager(Linux((4321, "bash"), ("INVOCATION_ID", "abc"))).ShouldBe(ServiceManager.None);
    }

    [Theory]
    [InlineData(false, ServiceManager.WindowsService)]
    [InlineData(true, ServiceManager.None)]
    public void DetectManager_Windows_ServiceWhenNotInteractive(bool interactive, ServiceManager expected)
    {
        var facts = new ProcessFacts(IsWindows: true, UserInteractive: interactive, 1000, null, null, _ => null);

        ContentRoot.DetectManager(facts).ShouldBe(expected);
    }

    [Fact]
    public void Resolve_ExplicitFolderThatDoesNotExist_IsAConfigurationError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kpi-e2e", Guid.NewGuid().ToString("N"));

        Should.Throw<KpiIngest.Worker.Configuration.ConfigurationException>(() => ContentRoot.Resolve(missing))
            .Message.ShouldContain("--content-root");
    }

    private static ProcessFacts Linux((int Id, string Name) parent, params (string Name, string Value)[] environment) =>
        new(IsWindows: false, UserInteractive: true, ProcessId: 1000, parent.Id, parent.Name,
            name => environment.FirstOrDefault(e => e.Name == name).Value);
}
