UPDATE {schema}.kpi_run SET finished_at = @at, status = @status, error = @error,
       dossiers_read = @DossiersRead, dossiers_upserted = @DossiersUpserted,
       dossiers_deleted = @DossiersDeleted, dossiers_quarantined = @DossiersQuarantined,
       dossiers_uncatalogued = @DossiersUncatalogued, units_quarantined = @UnitsQuarantined,
       procedures_quarantined = @ProceduresQuarantined, snapshots_written = @SnapshotsWritten,
       alerts_opened = @AlertsOpened, alerts_closed = @AlertsClosed,
       emails_sent = @EmailsSent, emails_failed = @EmailsFailed
WHERE run_id = @runId
