using System.Collections.Concurrent;
using System.Reflection;

namespace KpiIngest.Data;

/// <summary>
/// SQL kept in .sql files embedded in an assembly (style.md #6), loaded once. A statement of an area (Source, Store)
/// is Sql/&lt;Area&gt;/&lt;Engine&gt;/Name.sql where an engine has its own text, else the shared Sql/&lt;Area&gt;/Name.sql;
/// a script embedded under its repository path (deploy/sql/...) is loaded by that path. Statements name their
/// relations <c>{schema}.name</c>: see <see cref="WithSchema"/>.
/// </summary>
public sealed class EmbeddedSql
{
    /// <summary>What statements write where the configured schema goes.</summary>
    public const string SchemaPlaceholder = "{schema}";

    /// <summary>The folder of the contract queries: Sql/Source.</summary>
    public const string SourceArea = "Source";

    /// <summary>The folder of the store's statements: Sql/Store.</summary>
    public const string StoreArea = "Store";

    /// <summary>The statements of KpiIngest.Data and the store migrations it embeds from deploy/sql.</summary>
    public static EmbeddedSql Data { get; } = new(typeof(EmbeddedSql).Assembly, "KpiIngest.Data.Sql.");

    private readonly Assembly _assembly;
    private readonly string _statementPrefix;
    private readonly ConcurrentDictionary<string, string?> _texts = new(StringComparer.Ordinal);

    /// <param name="assembly">Where the files are embedded.</param>
    /// <param name="statementPrefix">The resource name of the Sql folder, with its trailing dot.</param>
    public EmbeddedSql(Assembly assembly, string statementPrefix = "")
    {
        _assembly = assembly;
        _statementPrefix = statementPrefix;
    }

    /// <summary>The text of the statement <paramref name="name"/> of <paramref name="area"/> for <paramref name="engine"/>: its own file if it has one, else the shared one.</summary>
    public string Statement(string area, DbEngine engine, string name) =>
        TryText($"{_statementPrefix}{area}.{engine}.{name}.sql") ?? TryText($"{_statementPrefix}{area}.{name}.sql")
        ?? throw new InvalidOperationException($"The {area} statement '{name}' is missing for {engine} from {_assembly.GetName().Name}.");

    /// <summary>Every statement name of <paramref name="area"/>, shared or any engine's own, for the syntax tests.</summary>
    public IReadOnlyList<string> Names(string area)
    {
        var prefix = $"{_statementPrefix}{area}.";
        return [.. _assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^4])
            .Select(n => n.Contains('.', StringComparison.Ordinal) ? n[(n.IndexOf('.', StringComparison.Ordinal) + 1)..] : n)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The statements <paramref name="engine"/> runs in <paramref name="area"/>: its own files and the shared ones (not another engine's own).</summary>
    public IReadOnlyList<string> Names(string area, DbEngine engine)
    {
        var resources = _assembly.GetManifestResourceNames().ToHashSet(StringComparer.Ordinal);
        return [.. Names(area).Where(n =>
            resources.Contains($"{_statementPrefix}{area}.{engine}.{n}.sql") || resources.Contains($"{_statementPrefix}{area}.{n}.sql"))];
    }

    /// <summary>The script embedded under the repository path <paramref name="path"/> (deploy/sql/sqlite/contract-views.sql).</summary>
    public string File(string path)
    {
        foreach (var file in Files(path).Where(f => f.Path == path))
        {
            return file.Sql;
        }

        throw new InvalidOperationException($"The script {path} is not embedded in {_assembly.GetName().Name}.");
    }

    /// <summary>The scripts embedded under a repository folder (deploy/sql/postgresql/store/), by name without .sql, in name order.</summary>
    public IReadOnlyList<(string Name, string Sql)> Folder(string folder) =>
        [.. Files(folder).Select(f => (f.Path[folder.Length..^4], f.Sql))];

    /// <summary>
    /// <paramref name="sql"/> with <c>{schema}.</c> replaced by <paramref name="schemaPrefix"/>: a schema the caller has
    /// quoted for its engine (<see cref="Dialects.EngineDialect.SchemaPrefix"/>) and a dot, or nothing where the engine has no
    /// schemas (SQLite). Identifiers cannot be parameters.
    /// </summary>
    public static string WithSchema(string sql, string schemaPrefix)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.Replace(SchemaPlaceholder + ".", schemaPrefix, StringComparison.Ordinal);
    }

    /// <summary>Embedded scripts whose path starts with <paramref name="pathPrefix"/>, in path order.</summary>
    private IEnumerable<(string Path, string Sql)> Files(string pathPrefix) =>
        _assembly.GetManifestResourceNames()

            // %(RecursiveDir) keeps the build machine's separator, so a Windows build names the resource
            // "deploy/sql/sqlite\x.sql": compare with forward slashes.
            .Select(resource => (Resource: resource, Path: resource.Replace('\\', '/')))
            .Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal) && r.Path.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r => (r.Path, TryText(r.Resource)!));

    private string? TryText(string resource) => _texts.GetOrAdd(resource, name =>
    {
        using var stream = _assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
