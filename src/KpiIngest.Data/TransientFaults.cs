using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data;

/// <summary>
/// Which database faults are worth trying again a moment later (a lock, a deadlock, a timeout, a failover, a dropped
/// connection), for source reads and store work alike. Npgsql says so itself (<see cref="DbException.IsTransient"/>);
/// SqlClient does not (SqlException never overrides it), so SQL Server's are known here by error number.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// SQL Server error numbers that are transient. The base is SqlClient's own list for its configurable retry logic
    /// (SqlConfigurableRetryFactory.BaselineTransientErrors, "Internal retry logic providers in SqlClient"), copied
    /// as its documentation asks callers to do rather than depend on it; -2, 64 and 121 are added for the client's
    /// own timeout and a connection dropped mid-command, which that list leaves to the connection's retry.
    /// </summary>
    private static readonly HashSet<int> SqlServerNumbers =
    [
        -2,    // Execution Timeout Expired (the client's command timeout)
        64,    // The specified network name is no longer available (the connection dropped)
        121,   // The semaphore timeout period has expired (a network path that stalled)
        233,   // No process is on the other end of the pipe (the server closed the session)
        997,   // Overlapped I/O operation is in progress (login interrupted)
        1204,  // The Database Engine cannot obtain a LOCK resource at this time
        1205,  // Chosen as the deadlock victim: rerun the transaction
        1222,  // Lock request time out period exceeded
        4060,  // Cannot open database requested by the login (it is restarting or failing over)
        4221,  // Login to read-secondary failed: waiting for the transition to versioning
        10053, // An established connection was aborted by the software in the host machine
        10054, // An existing connection was forcibly closed by the remote host
        10060, // A connection attempt failed: the server did not respond in time
        10928, // Resource limit reached (Azure SQL)
        10929, // Resource minimum guarantee not available (Azure SQL)
        40143, // The service has encountered an error processing the request
        40197, // The service has encountered an error processing the request (failover, upgrade)
        40501, // The service is currently busy
        40540, // The service has encountered an error processing the request
        40613, // Database is not currently available (failover)
        42108, // Cannot connect to the SQL pool since it is paused
        42109, // The SQL pool is warming up
        49918, // Not enough resources to process the request
        49919, // Too many create or update operations in progress
        49920, // Too many operations in progress
    ];

    /// <summary>True for a SQL Server error number that a retry may well get past.</summary>
    public static bool IsTransientSqlServerError(int number) => SqlServerNumbers.Contains(number);

    /// <summary>Faults worth a retry: the same call may well succeed a moment later.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        // Every error of the exception counts: a deadlock victim's 1205 may come after an informational one.
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => IsTransientSqlServerError(e.Number)) || IsTransientSqlServerError(sql.Number),
        DbException db => db.IsTransient,
        TimeoutException or SocketException => true,
        IOException => error is not (FileNotFoundException or DirectoryNotFoundException),
        _ => error.InnerException is { } inner && IsTransient(inner),
    };
}
