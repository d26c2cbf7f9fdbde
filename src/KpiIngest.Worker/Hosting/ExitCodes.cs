namespace KpiIngest.Worker.Hosting;

/// <summary>Process exit codes (operations.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A run failed; kpi_run says why.</summary>
    public const int Failed = 1;

    /// <summary>A bad verb, option or configuration, refused before any work.</summary>
    public const int Usage = 2;
}
