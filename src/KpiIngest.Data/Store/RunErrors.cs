using KpiIngest.Core.Source;
using KpiIngest.Data.Source;

namespace KpiIngest.Data.Store;

/// <summary>Turns an exception into the one line kpi_run.error keeps: the kind of failure and its message, never a secret.</summary>
public static class RunErrors
{
    public static string Describe(Exception error)
    {
        var message = error switch
        {
            SourceContractException or SourceUnavailableException => error.Message,
            _ => $"{error.GetType().Name}: {error.Message}{Cause(error)}",
        };
        return RowCheck.Truncate(RowCheck.Escape(message), 2000);
    }

    /// <summary>
    /// The innermost exception, where the outer message does not already say it: a driver's "Exception while reading
    /// from stream" does not tell a command timeout from a server that went away; its inner exception does.
    /// </summary>
    private static string Cause(Exception error)
    {
        var inner = error.InnerException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is null || error.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? ""
            : $" ({inner.GetType().Name}: {inner.Message})";
    }
}
