using System.Data.Common;

namespace KpiIngest.Data;

public static class DbConnections
{
    /// <summary>Opens <paramref name="connection"/>, disposing it if that fails, so a failed open leaks nothing.</summary>
    public static T Opened<T>(T connection)
        where T : DbConnection
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
