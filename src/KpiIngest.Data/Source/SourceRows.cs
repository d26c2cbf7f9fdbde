using System.Data.Common;
using System.Text.RegularExpressions;
using KpiIngest.Core.Source;

namespace KpiIngest.Data.Source;

/// <summary>
/// What every source reader does the same way: run a query and hand each row over exactly as the driver
/// returned it, columns in contract order then the optional ones, SQL NULL as null. The checks on the values live in Core.
/// </summary>
internal static class SourceRows
{
    /// <summary>Streams the rows of the command <paramref name="create"/> makes; the command lives as long as the enumeration.</summary>
    public static IEnumerable<T> Read<T>(Func<DbCommand> create, Func<DbDataReader, T> map)
    {
        using var command = create();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }

    public static RawUnit Unit(DbDataReader r) => new(V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5));

    public static RawProcedure Procedure(DbDataReader r) => new(V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5), V(r, 6), V(r, 7));

    public static RawDossier Dossier(DbDataReader r) => new(
        V(r, 0), V(r, 1), V(r, 2), V(r, 3), V(r, 4), V(r, 5), V(r, 6), V(r, 7),
        V(r, 8), V(r, 9), V(r, 10), V(r, 11), V(r, 12), V(r, 13), V(r, 14),
        V(r, 15), V(r, 16), V(r, 17), V(r, 18));

    /// <summary>
    /// A contract query as the source can run it: the query files select every optional column (after the contract's,
    /// in SourceContract.OptionalColumnList order), and each one the view lacks becomes NULL in place, so it sits at the
    /// same ordinal whatever the province's view has. The names are the contract's own and occur only in select lists.
    /// </summary>
    public static string WithOptionalColumns(string sql, OptionalColumns present)
    {
        foreach (var column in SourceContract.OptionalColumnList)
        {
            if ((present & column.Flag) == 0)
            {
                sql = Regex.Replace(sql, $@"\b{column.Name}\b", "NULL", RegexOptions.CultureInvariant);
            }
        }

        return sql;
    }

    /// <summary>A (dossier_id, updated_at) row of the key stream.</summary>
    public static (string DossierId, object? UpdatedAt) Key(DbDataReader r) =>
        (Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, V(r, 1));

    public static object? V(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
}
