namespace KpiIngest.Worker.Configuration;

/// <summary>Bad configuration: the process exits 2 with this one sentence, which names the key, before any work.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
