using System.Runtime.InteropServices;
using System.Text;

namespace KpiIngest.Data.Source;

/// <summary>
/// SQLite's column functions called on the statement's native pointer, from the same e_sqlite3 library that
/// Microsoft.Data.Sqlite loads. SQLitePCL's API takes the statement's SafeHandle and raises and lowers its reference
/// count on every call: two calls a column, 38 a dossier, were a third of a first ingest's read of a million dossiers
/// (2.7 s against 1.9 s). The pointer is only used while the reader stands on the row, on the reader's thread.
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>Boxes of the small integers every dossier repeats (codes and flags), allocated once instead of per row.</summary>
    private static readonly object[] SmallIntegers = [.. Enumerable.Range(0, 16).Select(i => (object)(long)i)];

    /// <summary>
    /// A column's value as SqliteDataReader.GetValue returns it for each storage class (null, long, double, string or
    /// byte[]), so a hostile value reaches the checks unchanged.
    /// </summary>
    public static object? Value(IntPtr statement, int column) => ColumnType(statement, column) switch
    {
        Null => null,
        Integer => ColumnInt64(statement, column) is var n && n is >= 0 && n < SmallIntegers.Length ? SmallIntegers[n] : n,
        Float => ColumnDouble(statement, column),
        Text => Encoding.UTF8.GetString(ColumnText(statement, column), ColumnBytes(statement, column)),
        _ => new ReadOnlySpan<byte>(ColumnBlob(statement, column), ColumnBytes(statement, column)).ToArray(),
    };

    private const int Integer = 1;
    private const int Float = 2;
    private const int Text = 3;
    private const int Null = 5;

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    private static partial int ColumnType(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    private static partial long ColumnInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    private static partial double ColumnDouble(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    private static partial byte* ColumnText(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    private static partial byte* ColumnBlob(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    private static partial int ColumnBytes(IntPtr statement, int column);
}
