namespace KpiIngest.Data.Store;

/// <summary>What one run did, recorded in its kpi_run row and its log line.</summary>
public sealed class RunCounts
{
    public long DossiersRead { get; set; }
    public long DossiersUpserted { get; set; }
    public long DossiersDeleted { get; set; }
    public long DossiersQuarantined { get; set; }
    public long DossiersUncatalogued { get; set; }
    public long UnitsQuarantined { get; set; }
    public long ProceduresQuarantined { get; set; }
    public long SnapshotsWritten { get; set; }
    public long AlertsOpened { get; set; }
    public long AlertsClosed { get; set; }
    public long EmailsSent { get; set; }
    public long EmailsFailed { get; set; }
}
