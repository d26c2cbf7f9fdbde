using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Demo;

internal static class SqliteFiles
{
    /// <summary>
    /// Opens a file without connection pooling: a pooled connection would keep the file open after
    /// Dispose, so it could not be replaced or deleted, and its pragmas would leak into the next user.
    /// </summary>
    public static SqliteConnection Open(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        return EngineConnections.Opened(new SqliteConnection(builder.ConnectionString));
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
