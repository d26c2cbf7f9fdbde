using System.Collections.Concurrent;
using System.Text;

namespace KpiIngest.Demo;

/// <summary>
/// The scripts of deploy/sql, embedded under their repository path so the demo runs exactly what ships
/// to integrators.
/// </summary>
internal static class DeployScripts
{
    public const string SqliteReferenceSchema = "deploy/sql/sqlite/reference-schema.sql";
    public const string SqliteContractViews = "deploy/sql/sqlite/contract-views.sql";

    private static readonly ConcurrentDictionary<string, string> Loaded = new(StringComparer.Ordinal);

    public static string Load(string path) => Loaded.GetOrAdd(path, Read);

    private static string Read(string path)
    {
        var assembly = typeof(DeployScripts).Assembly;
        // %(RecursiveDir) keeps the build machine's separator, so a Windows build names the resource
        // "deploy/sql/sqlite\x.sql": compare with forward slashes.
        var resource = Array.Find(
            assembly.GetManifestResourceNames(),
            name => string.Equals(name.Replace('\\', '/'), path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The script {path} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
