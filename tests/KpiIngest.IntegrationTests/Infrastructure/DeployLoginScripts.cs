using System.Data.Common;
using System.Text.RegularExpressions;
using KpiIngest.Data;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>A login a deploy/sql script made: its name, and its password (null on PostgreSQL, trust authentication here).</summary>
public sealed record DeployLogin(string Name, string? Password);

/// <summary>deploy/sql's login scripts, run as deploy/README.md says (psql -f, or sqlcmd -v with the passwords).</summary>
public static partial class DeployLoginScripts
{
    /// <summary>
    /// Runs deploy/sql/&lt;engine&gt;/<paramref name="file"/> in <paramref name="database"/> and returns the login it
    /// makes for <paramref name="role"/> (source, store or service: kpi_source, kpi_store, kpi_service).
    /// On SQL Server logins are server-wide and the tests share one server in parallel: with one kpi_source for all,
    /// each test's set-up reset its password under the others, whose runs then failed to log in. So there the
    /// script's logins are renamed to the test's own (<see cref="TestDatabase.LoginName"/>, dropped with its
    /// database) and every sqlcmd password variable gets a fresh password, as sqlcmd -v would give it.
    /// PostgreSQL's roles are cluster-wide too, but have no passwords here: sharing them changes nothing a test sees.
    /// </summary>
    public static DeployLogin Run(TestDatabase database, string file, string role)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Engine == ServerEngine.PostgreSql)
        {
            RunRetryingOnce(database, RepositoryFiles.Read("deploy", "sql", DbEngine.PostgreSql.ScriptFolder(), file));
            return new DeployLogin("kpi_" + role, null);
        }

        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        var script = LoginNames().Replace(RepositoryFiles.Read("deploy", "sql", DbEngine.SqlServer.ScriptFolder(), file), match => database.LoginName(match.Groups[1].Value));
        script = PasswordVariables().Replace(script, match =>
            passwords.TryGetValue(match.Groups[1].Value, out var known)
                ? known
                : passwords[match.Groups[1].Value] = "Kpi-" + Guid.NewGuid().ToString("N") + "-aA1");
        RunRetryingOnce(database, script);
        var variable = "Kpi" + char.ToUpperInvariant(role[0]) + role[1..] + "Password";
        return new DeployLogin(database.LoginName(role), passwords.GetValueOrDefault(variable));
    }

    /// <summary>
    /// Roles are the cluster's, and other tests run the same scripts at the same time: one created by another between a
    /// script's check and its CREATE is there when the script runs again.
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

    /// <summary>The logins the scripts create, as whole words.</summary>
    [GeneratedRegex(@"\bkpi_(source|store|service)\b")]
    private static partial Regex LoginNames();

    /// <summary>sqlcmd's password variables, $(KpiSourcePassword) and the like.</summary>
    [GeneratedRegex(@"\$\((Kpi\w+Password)\)")]
    private static partial Regex PasswordVariables();
}
