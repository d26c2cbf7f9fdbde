using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KpiIngest.Data;

/// <summary>
/// One SQLite statement, prepared once through SQLitePCL (the layer Microsoft.Data.Sqlite is built on) and run once per
/// row, its parameters bound by position from stack buffers through its native pointer (<see cref="SqliteNative"/>).
/// At millions of rows SqliteCommand's
/// per-execution work (a look-up of every parameter by name, type inference, a reader behind ExecuteNonQuery,
/// UTF-8 copies on the heap) cost more than SQLite's own insert. Runs inside whatever transaction the connection
/// has open; dispose it before the connection.
/// </summary>
public sealed class SqliteRowStatement : IDisposable
{
    // Longer text (rare: names, reasons) is encoded on the heap by SQLitePCL itself.
    private const int StackTextBytes = 256;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // The handles' native pointers, for the per-row calls (SqliteNative); the handles above keep them alive.
    private readonly IntPtr _dbPointer;
    private readonly IntPtr _statementPointer;

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            _statement?.Dispose();
            throw Error(rc);
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            // Only the first statement is compiled: a second one would be silently skipped.
            _statement.Dispose();
            throw new ArgumentException("A row statement must be a single SQL statement.", nameof(sql));
        }

        _dbPointer = _db.DangerousGetHandle();
        _statementPointer = _statement.DangerousGetHandle();
    }

    /// <summary>The position of a named parameter (<c>@name</c>), for binding by position from then on.</summary>
    public int IndexOf(string parameterName)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, parameterName);
        return index > 0
            ? index
            : throw new ArgumentException($"The statement has no parameter {parameterName}.", nameof(parameterName));
    }

    public void BindNull(int index) => Check(SqliteNative.BindNull(_statementPointer, index));

    public void Bind(int index, long value) => Check(SqliteNative.Bind(_statementPointer, index, value));

    public void Bind(int index, double value) => Check(SqliteNative.Bind(_statementPointer, index, value));

    public void Bind(int index, string value)
    {
        Span<byte> buffer = stackalloc byte[StackTextBytes];
        BindUtf8(index, Encoding.UTF8.TryGetBytes(value, buffer, out var length) ? buffer[..length] : Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Binds text already encoded as UTF-8.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> text) => Check(SqliteNative.BindUtf8(_statementPointer, index, text));

    /// <summary>Binds a date as the store writes it (<see cref="StoreFormat.Day(DateOnly)"/>).</summary>
    public void BindDay(int index, DateOnly day)
    {
        Span<byte> buffer = stackalloc byte[10];
        BindUtf8(index, buffer[..StoreFormat.WriteDay(buffer, day)]);
    }

    /// <summary>Binds a source-local timestamp as the store writes it (<see cref="StoreFormat.Local"/>).</summary>
    public void BindLocal(int index, DateTime local)
    {
        Span<byte> buffer = stackalloc byte[StoreFormat.LocalMaxBytes];
        BindUtf8(index, buffer[..StoreFormat.WriteLocal(buffer, local)]);
    }

    /// <summary>Binds a date or timestamp as text in <paramref name="format"/>, formatted straight into UTF-8.</summary>
    public void Bind<T>(int index, T value, string format)
        where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[64];
        if (!value.TryFormat(buffer, out var length, format, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"'{format}' needs more than {buffer.Length} bytes.");
        }

        BindUtf8(index, buffer[..length]);
    }

    /// <summary>Runs the statement with the values bound, then clears it for the next row.</summary>
    /// <returns>The rows it inserted, updated or deleted (0 for an insert that met ON CONFLICT DO NOTHING).</returns>
    public int Execute()
    {
        var rc = SqliteNative.Step(_statementPointer);
        SqliteNative.Reset(_statementPointer);
        return rc == raw.SQLITE_DONE ? SqliteNative.Changes(_dbPointer) : throw Error(rc);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
}
