DELETE FROM {schema}.kpi_quarantine WHERE cleared_at IS NOT NULL AND cleared_at < @from;
-- The count as a result: a server or session NOCOUNT (a DBA's 'user options') makes the driver's count -1.
SELECT @@ROWCOUNT;
