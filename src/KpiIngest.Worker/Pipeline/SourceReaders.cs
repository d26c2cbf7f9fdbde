using KpiIngest.Data.Source;
using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Pipeline;

/// <summary>Opens the configured source engine's reader.</summary>
public sealed class SourceReaders(KpiSettings settings)
{
    public ISourceReader Open() => settings.Source.Provider switch
    {
        DatabaseProviders.Sqlite => new SqliteSourceReader(settings.SourceConnectionString),
        _ => throw new NotSupportedException(
            $"Source:Provider {settings.Source.Provider} is not available in this build yet; use Sqlite."),
    };
}
