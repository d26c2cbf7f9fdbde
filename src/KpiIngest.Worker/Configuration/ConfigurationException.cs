namespace KpiIngest.Worker.Configuration;

/// <summary>Bad configuration: the process exits 2 with this one sentence, which names the key, before any work.</summary>
public sealed class ConfigurationException(string message) : Exception(message)
{
    /// <summary>Throws with <paramref name="sentence"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string sentence)
    {
        if (!condition)
        {
            throw new ConfigurationException(sentence);
        }
    }
}
