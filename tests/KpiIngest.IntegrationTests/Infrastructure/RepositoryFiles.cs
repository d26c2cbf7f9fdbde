namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>Files of the repository the tests run from (deploy scripts, SQL), found by walking up to KpiIngest.sln.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "KpiIngest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"KpiIngest.sln was not found above {AppContext.BaseDirectory}.");
    }
}
