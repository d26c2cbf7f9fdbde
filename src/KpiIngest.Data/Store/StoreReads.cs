using System.Data.Common;
using Dapper;

namespace KpiIngest.Data.Store;

internal static class StoreReads
{
    /// <summary>
    /// The first column's values as the engine returned them (Dapper's Query&lt;object&gt; would return dynamic rows):
    /// what a date list is read with, before <see cref="StoreValue"/> converts it.
    /// </summary>
    public static List<object> Column(this DbConnection connection, string sql, object? parameters = null, DbTransaction? transaction = null)
    {
        var values = new List<object>();
        using var reader = connection.ExecuteReader(sql, parameters, transaction);
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
