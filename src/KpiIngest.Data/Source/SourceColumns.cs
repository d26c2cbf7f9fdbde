using KpiIngest.Core.Source;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract relations' columns as a server's catalog describes them (information_schema), with each
/// column's type name, so a reader can type its parameters like the columns they are compared with.
/// </summary>
public sealed class SourceColumns(StringComparer columnNames)
{
    private readonly Dictionary<string, Dictionary<string, string>> _relations = new(StringComparer.Ordinal);

    public void Add(string relation, string column, string dataType)
    {
        if (!_relations.TryGetValue(relation, out var columns))
        {
            _relations[relation] = columns = new Dictionary<string, string>(columnNames);
        }

        columns[column] = dataType;
    }

    /// <summary>What <see cref="ISourceReader.DescribeRelations"/> returns: the columns, or null for a missing relation.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>?> Offered() =>
        SourceContract.Relations.Keys.ToDictionary(
            relation => relation,
            relation => _relations.TryGetValue(relation, out var columns)
                ? (IReadOnlySet<string>?)columns.Keys.ToHashSet(columnNames)
                : null,
            StringComparer.Ordinal);

    /// <summary>The type name of a column, or null when the relation or column is missing.</summary>
    public string? TypeOf(string relation, string column) =>
        _relations.TryGetValue(relation, out var columns) && columns.TryGetValue(column, out var type) ? type : null;

    /// <summary>
    /// The reader's SQL compares and orders src_dossier by updated_at and dossier_id itself, so a type it cannot
    /// page on is no row-level problem to quarantine but an unusable source (source-contract.md): the run fails.
    /// </summary>
    public void RequireDossierColumnType(string column, Func<string, bool> usable, string needed)
    {
        var type = TypeOf(SourceContract.Dossiers, column);
        if (type is not null && !usable(type))
        {
            throw new SourceContractException(
                $"The source does not offer the contract: {SourceContract.Dossiers}.{column} is of type {type}; it must be {needed} (source-contract.md).");
        }
    }
}
