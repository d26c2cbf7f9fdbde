using System.Diagnostics;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's chromium, headless: loads a page (file or http), runs it as a browser does and returns the DOM it ends with.
/// A test that needs it skips, saying so, where it is not installed (`apt-get install -y chromium`; .ci/run installs it).
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The chromium executable on PATH, or null.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Skips the calling test when chromium is not installed.</summary>
    public static void RequireOrSkip()
    {
        if (Executable is null)
        {
            Assert.Skip("Needs Debian's chromium (apt-get install -y chromium) to load the pages in a real browser; it is not on PATH here.");
        }
    }

    /// <summary>The DOM after load (chromium --headless --dump-dom). Headers cannot be set: a key goes in the URL's page flow.</summary>
    public static async Task<string> DumpDomAsync(string url)
    {
        RequireOrSkip();
        var profile = Directory.CreateTempSubdirectory("kpi-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.FullName}",
                         "--dump-dom", url,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish loading {url} within {Deadline}: {await stderr}");
            }

            var dom = await stdout;
            if (process.ExitCode != 0 || dom.Length == 0)
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode} loading {url}: {await stderr}");
            }

            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") })
        .FirstOrDefault(File.Exists);
}
