namespace KpiIngest.Core.Source;

/// <summary>The three relations and their columns, in order, that source-contract.md defines.</summary>
public static class SourceContract
{
    public const string Units = "src_unit";
    public const string Procedures = "src_procedure";
    public const string Dossiers = "src_dossier";

    public static IReadOnlyList<string> UnitColumns { get; } =
        ["unit_id", "parent_id", "name", "level", "active_from", "active_to"];

    public static IReadOnlyList<string> ProcedureColumns { get; } =
        ["unit_id", "procedure_code", "procedure_name", "online_mode", "has_fee", "online_payment", "requires_result"];

    public static IReadOnlyList<string> DossierColumns { get; } =
    [
        "dossier_id", "dossier_code", "unit_id", "procedure_code", "channel", "status", "received_at", "due_at",
        "resolved_at", "fee_amount", "paid_online", "digitized", "e_result", "reused_data", "updated_at",
    ];

    /// <summary>
    /// The optional columns (scorecard.md, "Optional source columns"), each with its relation and flag, in the order a
    /// reader's queries select them. None is required; a reader selects NULL in place of those the view lacks.
    /// </summary>
    public static IReadOnlyList<OptionalColumn> OptionalColumnList { get; } =
    [
        new(OptionalColumns.SyncedToPortal, Dossiers, "synced_to_portal", "DOSSIER_SYNC"),
        new(OptionalColumns.ComplaintOrDislike, Dossiers, "complaint_or_dislike", "RECEIVING_SATISFACTION"),
        new(OptionalColumns.FromPersonalStorage, Dossiers, "from_personal_storage", "PERSONAL_STORAGE"),
        new(OptionalColumns.CitizenDataUsed, Dossiers, "citizen_data_used", "CITIZEN_DATA_DOSSIERS"),
        new(OptionalColumns.CitizenSubject, Procedures, "citizen_subject", "CITIZEN_DATA_PROCEDURES"),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Relations { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [SourceContract.Units] = UnitColumns,
            [SourceContract.Procedures] = ProcedureColumns,
            [SourceContract.Dossiers] = DossierColumns,
        };

    /// <summary>The relations or columns missing from what the source offers, as "relation.column" or "relation".</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, IReadOnlySet<string>?> offered)
    {
        var missing = new List<string>();
        foreach (var (relation, columns) in Relations)
        {
            if (!offered.TryGetValue(relation, out var present) || present is null)
            {
                missing.Add(relation);
                continue;
            }

            missing.AddRange(columns.Where(c => !present.Contains(c)).Select(c => $"{relation}.{c}"));
        }

        return missing;
    }

    /// <summary>The optional columns present in what the source offers (a missing relation offers none).</summary>
    public static OptionalColumns OptionalPresent(IReadOnlyDictionary<string, IReadOnlySet<string>?> offered)
    {
        var present = OptionalColumns.None;
        foreach (var column in OptionalColumnList)
        {
            if (offered.TryGetValue(column.Relation, out var columns) && columns is not null && columns.Contains(column.Name))
            {
                present |= column.Flag;
            }
        }

        return present;
    }

    /// <summary>kpi_state's text for a set of optional columns: their names, comma-separated ("" for none).</summary>
    public static string OptionalText(OptionalColumns present) =>
        string.Join(",", OptionalColumnList.Where(c => (present & c.Flag) != 0).Select(c => c.Name));

    /// <summary>The set <see cref="OptionalText"/> wrote; unknown names are ignored.</summary>
    public static OptionalColumns ParseOptionalText(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return OptionalColumnList.Where(c => names.Contains(c.Name, StringComparer.Ordinal))
            .Aggregate(OptionalColumns.None, (set, c) => set | c.Flag);
    }
}

/// <summary>One optional source column: its flag, relation, name and the scorecard item it makes EXACT.</summary>
public sealed record OptionalColumn(OptionalColumns Flag, string Relation, string Name, string MakesExact);

/// <summary>The source does not offer the contract (a relation or column missing): the run fails, writing no figure.</summary>
public sealed class SourceContractException(string message) : Exception(message);
