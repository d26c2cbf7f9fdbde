UPDATE {schema}.kpi_lease SET renewed_at = @at, expires_at = @expires WHERE name = @name AND holder = @holder;
-- The count as a result: a server or session NOCOUNT (a DBA's 'user options') makes the driver's count -1.
SELECT @@ROWCOUNT;
