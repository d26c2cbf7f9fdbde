using System.Runtime.InteropServices;
using System.Text;

namespace KpiIngest.Data;

/// <summary>
/// SQLite's per-row functions (reading a column, binding a parameter, stepping) called on the native pointers of a
/// statement and its connection, in the same e_sqlite3 library that Microsoft.Data.Sqlite loads. SQLitePCL's API takes
/// SafeHandles and raises and lowers their reference count on every call: two calls a column, 38 a dossier, were a third
/// of a first ingest's read of a million dossiers (2.7 s against 1.9 s). The callers own the handles and use the
/// pointers only while the handles are alive, on one thread: a reader standing on its row, a prepared statement.
/// </summary>
internal static unsafe partial class SqliteNative
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

    public static int BindNull(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    public static int Bind(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int Bind(IntPtr statement, int index, double value) => sqlite3_bind_double(statement, index, value);

    /// <summary>Binds UTF-8 text, which SQLite copies (SQLITE_TRANSIENT): the buffer may be a stack one.</summary>
    public static int BindUtf8(IntPtr statement, int index, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            // A null pointer binds NULL: an empty text needs a non-null one.
            byte empty = 0;
            return sqlite3_bind_text(statement, index, text.IsEmpty ? &empty : bytes, text.Length, Transient);
        }
    }

    public static int Step(IntPtr statement) => sqlite3_step(statement);

    public static int Reset(IntPtr statement) => sqlite3_reset(statement);

    public static int Changes(IntPtr connection) => sqlite3_changes(connection);

    private const int Integer = 1;
    private const int Float = 2;
    private const int Text = 3;
    private const int Null = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the value before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_null(IntPtr statement, int index);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_double(IntPtr statement, int index, double value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int bytes, IntPtr destructor);

    [LibraryImport(Library)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library)]
    private static partial int sqlite3_reset(IntPtr statement);

    [LibraryImport(Library)]
    private static partial int sqlite3_changes(IntPtr connection);

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
