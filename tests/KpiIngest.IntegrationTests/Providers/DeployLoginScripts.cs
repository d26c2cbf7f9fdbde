using System.Data.Common;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>deploy/sql's login scripts, run as deploy/README.md says (psql -f, or sqlcmd -v with the password).</summary>
internal static class DeployLoginScripts
{
    /// <summary>
    /// Runs deploy/sql/&lt;engine&gt;/<paramref name="file"/> in <paramref name="database"/>. On SQL Server it gives the
    /// sqlcmd variable <paramref name="passwordVariable"/> a fresh password, as sqlcmd -v does, and sets it on
    /// <paramref name="login"/> afterwards (a login made by an earlier run keeps its old one); returns that password,
    /// or null on PostgreSQL (local trust authentication, passwords set interactively in production).
    /// </summary>
    public static string? Run(TestDatabase database, string file, string login, string passwordVariable)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Engine == ServerEngine.PostgreSql)
        {
            RunRetryingOnce(database, RepositoryFiles.Read("deploy", "sql", "postgresql", file));
            return null;
        }

        var password = "Kpi-" + Guid.NewGuid().ToString("N") + "-aA1";
        RunRetryingOnce(database, RepositoryFiles.Read("deploy", "sql", "sqlserver", file)
            .Replace($"$({passwordVariable})", password, StringComparison.Ordinal));
        database.ExecuteScript($"ALTER LOGIN {database.Engine.Quote(login)} WITH PASSWORD = '{password}';");
        return password;
    }

    /// <summary>
    /// Logins and roles are the server's, and other tests run the same scripts at the same time: one created by another
    /// between a script's check and its CREATE is there when the script runs again.
    /// </summary>
    private static void RunRetryingOnce(TestDatabase database, string script)
    {
        try
        {
            database.ExecuteScript(script);
        }
        catch (DbException)
        {
            database.ExecuteScript(script);
        }
    }
}
