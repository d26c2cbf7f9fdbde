using System.Text;

namespace KpiIngest.Worker.Reports;

/// <summary>The file `report --output` writes: created or replaced, UTF-8 without a byte-order mark.</summary>
public static class ReportOutput
{
    /// <summary>A writer on <paramref name="file"/>; a folder that does not exist is a usage error (exit 2).</summary>
    public static StreamWriter Create(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Directory is { Exists: false } folder)
        {
            throw new Cli.UsageException($"--output {file.FullName}: the folder {folder.FullName} does not exist.");
        }

        return new StreamWriter(file.FullName, append: false, new UTF8Encoding(false));
    }
}
