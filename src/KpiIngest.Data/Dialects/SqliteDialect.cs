using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Dialects;

/// <summary>
/// SQLite: one file, no schemas; dates and timestamps travel as the sortable text store.md and the source contract
/// write (<see cref="StoreFormat"/>), so text order is time order; a list of keys as a JSON array for json_each.
/// </summary>
public sealed class SqliteDialect : EngineDialect
{
    internal SqliteDialect()
    {
    }

    public override DbEngine Engine => DbEngine.Sqlite;

    public override string SchemaPrefix(string schema) => "";

    public override object Day(DateOnly day) => StoreFormat.Day(day);

    public override object Utc(DateTimeOffset instant) => StoreFormat.Utc(instant);

    public override object Local(DateTime local) => StoreFormat.Local(local);

    public override DbParameter Parameter(string name, object? value) => new SqliteParameter(name, value ?? DBNull.Value);

    public override DbParameter KeyListParameter(string name, IReadOnlyCollection<string> keys) =>
        Parameter(name, JsonSerializer.Serialize(keys));
}
