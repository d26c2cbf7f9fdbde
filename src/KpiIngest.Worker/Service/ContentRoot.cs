using System.Globalization;
using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Service;

/// <summary>What started this process.</summary>
public enum ServiceManager
{
    /// <summary>A console, a script, a scheduled task, a test: relative paths mean the working directory.</summary>
    None,

    Systemd,

    WindowsService,
}

/// <summary>What <see cref="ContentRoot.DetectManager"/> looks at, gathered once so the decision itself is pure.</summary>
public sealed record ProcessFacts(
    bool IsWindows,
    bool UserInteractive,
    int ProcessId,
    int? ParentProcessId,
    string? ParentName,
    Func<string, string?> Environment);

/// <summary>
/// The content root relative paths in configuration resolve against (operations.md): --content-root when given,
/// else the executable's folder under a service manager (a Windows service starts in System32, a systemd unit in /),
/// else the working directory.
/// </summary>
public static class ContentRoot
{
    public static string Resolve(string? explicitRoot)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            var full = Path.GetFullPath(explicitRoot);
            return Directory.Exists(full)
                ? full
                : throw new ConfigurationException($"--content-root '{explicitRoot}' is not an existing folder.");
        }

        return DetectManager(CurrentProcess()) == ServiceManager.None
            ? Directory.GetCurrentDirectory()
            : AppContext.BaseDirectory;
    }

    /// <summary>
    /// A Windows service runs without an interactive session. systemd (v248+) sets SYSTEMD_EXEC_PID to the main
    /// process's id; older ones set INVOCATION_ID (or NOTIFY_SOCKET for Type=notify) in a process systemd started
    /// itself. A variable merely inherited (a shell in a unit, a test runner under CI's systemd) is not enough.
    /// </summary>
    public static ServiceManager DetectManager(ProcessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.IsWindows)
        {
            return facts.UserInteractive ? ServiceManager.None : ServiceManager.WindowsService;
        }

        var execPid = facts.Environment("SYSTEMD_EXEC_PID");
        if (!string.IsNullOrEmpty(execPid))
        {
            return int.TryParse(execPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid == facts.ProcessId
                ? ServiceManager.Systemd
                : ServiceManager.None;
        }

        var fromSystemd = !string.IsNullOrEmpty(facts.Environment("INVOCATION_ID")) || !string.IsNullOrEmpty(facts.Environment("NOTIFY_SOCKET"));
        var parentIsSystemd = facts.ParentProcessId == 1 || string.Equals(facts.ParentName, "systemd", StringComparison.Ordinal);
        return fromSystemd && parentIsSystemd ? ServiceManager.Systemd : ServiceManager.None;
    }

    public static ProcessFacts CurrentProcess()
    {
        var parent = OperatingSystem.IsLinux() ? LinuxParent() : (null, null);
        return new ProcessFacts(
            OperatingSystem.IsWindows(), Environment.UserInteractive, Environment.ProcessId, parent.Id, parent.Name,
            Environment.GetEnvironmentVariable);
    }

    /// <summary>The parent's id from /proc/self/stat (field 4, after the parenthesised name) and its name.</summary>
    private static (int? Id, string? Name) LinuxParent()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid))
            {
                return (null, null);
            }

            var comm = Path.Combine("/proc", ppid.ToString(CultureInfo.InvariantCulture), "comm");
            return (ppid, File.Exists(comm) ? File.ReadAllText(comm).Trim() : null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }
}
