using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The process a lease holder (or a job claim) names, and whether it is provably gone. The holder text is
/// "host/pid N/start S boot B/…": the host name, the process id, the process's start mark (when the kernel started
/// that pid, so a new process that reused the pid is told apart) and the boot key (this boot of this kernel and its
/// process namespace, so two machines or two containers sharing a host name are never taken for one). A holder is
/// gone only when its host and boot key are this process's and no process with that pid and start mark exists.
/// Everything else (another host, a holder text written before these marks existed) counts as alive and is freed
/// by the lease's expiry alone.
/// </summary>
public static partial class HolderProcess
{
    /// <summary>"On another OS than Linux the host name alone names the host": no boot key to compare.</summary>
    private const string NoBootKey = "-";

    /// <summary>A boot key that could not be read: no holder is ever proven gone then, the expiry frees it as before.</summary>
    private const string UnreadableBootKey = "unknown";

    /// <summary>A mark the process exists with but whose start cannot be read (another user's, on Windows).</summary>
    private const string Unknown = "?";

    private static readonly string HostName = Environment.MachineName;

    private static readonly string BootKey = ReadBootKey();

    /// <summary>This process, as lease and job-claim holders name it (a random part follows, per holder).</summary>
    public static readonly string Current =
        $"{HostName}/pid {Environment.ProcessId}/start {OwnStartMark()} boot {BootKey}";

    /// <summary>
    /// True when <paramref name="holder"/> names a process of this host (same name and boot key) that no longer runs:
    /// no process with its pid, or one with another start mark (the pid was reused).
    /// </summary>
    public static bool IsGone(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var match = HolderPattern().Match(holder);
        if (!match.Success
            || !string.Equals(match.Groups["host"].Value, HostName, StringComparison.OrdinalIgnoreCase)
            || BootKey == UnreadableBootKey
            || match.Groups["boot"].Value != BootKey
            || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        return StartMark(pid) switch
        {
            null => true,
            Unknown => false,
            var mark => mark != match.Groups["start"].Value,
        };
    }

    /// <summary>
    /// True when <paramref name="holder"/> was written by a version that holds the store's session lock while it holds
    /// a lease (every holder with a start mark): on a server store, a free lock then means its connection is gone.
    /// </summary>
    public static bool HoldsSessionLock(string holder) => HolderPattern().IsMatch(holder ?? "");

    /// <summary>
    /// When the process <paramref name="pid"/> started, as digits that stay the same for its whole life; null when no
    /// such process exists, <see cref="Unknown"/> when it exists but its start cannot be read. On Linux the kernel's
    /// start time in clock ticks since boot (/proc/PID/stat, field 22): exact, where Process.StartTime is derived from
    /// the wall clock and may differ by a tick between two readings. Elsewhere Process.StartTime in UTC ticks (Windows
    /// reads the creation time the kernel keeps; Process.GetProcessById throws ArgumentException when it is gone).
    /// </summary>
    private static string? StartMark(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException)
            {
                // Read while the process was exiting (ESRCH): it is going, but say nothing certain.
                return Unknown;
            }

            // The command name (field 2) is in parentheses and may hold spaces and parentheses: count after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : Unknown;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // exited between the two calls
        }
        catch (Exception error) when (error is Win32Exception or NotSupportedException)
        {
            return Unknown;
        }
    }

    private static string OwnStartMark() =>
        StartMark(Environment.ProcessId) is { } mark && mark.All(char.IsAsciiDigit) ? mark : "0";

    /// <summary>
    /// On Linux, a short hash of the kernel's boot id and this process's pid namespace: pids are only comparable within
    /// one boot and one namespace (a container has its own). Elsewhere <see cref="NoBootKey"/>.
    /// </summary>
    private static string ReadBootKey()
    {
        if (!OperatingSystem.IsLinux())
        {
            return NoBootKey;
        }

        try
        {
            var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var pidNamespace = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(boot + "|" + pidNamespace));
            return Convert.ToHexStringLower(hash, 0, 6);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return UnreadableBootKey;
        }
    }

    [GeneratedRegex(@"^(?<host>[^/]+)/pid (?<pid>[0-9]+)/start (?<start>[0-9]+) boot (?<boot>[0-9a-f]{12}|-|unknown)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex HolderPattern();
}
