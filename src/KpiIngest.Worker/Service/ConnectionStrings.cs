using System.Data.Common;

namespace KpiIngest.Worker.Service;

/// <summary>Connection strings as they may appear in a log line: never with a secret (style.md #11).</summary>
public static class ConnectionStrings
{
    private static readonly string[] SecretKeys = ["Password", "Pwd"];

    /// <summary>The connection string without its Password/Pwd; one that does not parse is not shown at all.</summary>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "";
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in SecretKeys)
            {
                // DbConnectionStringBuilder keys are case-insensitive, so PASSWORD and pwd go too.
                builder.Remove(key);
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(a connection string that does not parse; not shown)";
        }
    }
}
