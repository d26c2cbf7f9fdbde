using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The T-SQL grammars every script must parse with: SQL Server 2022 (the current one, TSql160Parser) and 2019
/// (TSql150Parser), the releases most provincial servers run.
/// </summary>
public static class TSqlGrammars
{
    private static readonly (string Name, Func<TSqlParser> Create)[] All =
    [
        ("SQL Server 2022", () => new TSql160Parser(initialQuotedIdentifiers: true)),
        ("SQL Server 2019", () => new TSql150Parser(initialQuotedIdentifiers: true)),
    ];

    /// <summary>
    /// Parses <paramref name="text"/> with every grammar. Returns the current grammar's tree (null when it failed)
    /// and every error, each prefixed with its grammar and placed by <paramref name="where"/>(line, column).
    /// </summary>
    public static (TSqlScript? Script, List<string> Errors) Parse(string text, Func<int, int, string> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        TSqlScript? current = null;
        var problems = new List<string>();
        foreach (var (name, create) in All)
        {
            var fragment = create().Parse(new StringReader(text), out var errors);
            problems.AddRange(errors.Select(e => $"{name}: {where(e.Line, e.Column)}: {e.Message}"));
            if (errors.Count == 0)
            {
                current ??= (TSqlScript)fragment;
            }
        }

        return (problems.Count == 0 ? current : null, problems);
    }
}
