using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// The rows of a store query, read with typed calls, for the few reads that run over hundreds of thousands of rows
/// (a year of daily pairs per snapshot). Made by <see cref="StoreDialect.Rows"/>: on SQLite the integer columns come
/// straight from the prepared statement, where SqliteDataReader's typed getter checks the storage class first and
/// goes through several layers per value; at a year of daily-pair rows that was a quarter of a snapshot.
/// </summary>
public class StoreRows(DbCommand command, DbDataReader reader) : IDisposable
{
    public virtual bool Read() => reader.Read();

    /// <summary>The value of a NOT NULL integer column of the current row.</summary>
    public virtual long Number(int ordinal) => reader.GetInt64(ordinal);

    /// <summary>The value of a column as the engine returns it (see <see cref="StoreValue"/>).</summary>
    public object Value(int ordinal) => reader.GetValue(ordinal);

    public void Dispose()
    {
        reader.Dispose();
        command.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>SQLite's rows: integers read by one native call on the statement the reader is stepping.</summary>
internal sealed class SqliteStoreRows(DbCommand command, SqliteDataReader reader) : StoreRows(command, reader)
{
    private sqlite3_stmt? _statement;

    public override bool Read()
    {
        if (!reader.Read())
        {
            return false;
        }

        _statement = reader.Handle;
        return true;
    }

    public override long Number(int ordinal) => raw.sqlite3_column_int64(_statement, ordinal);
}
