-- The scorecard rows of the snapshot rows DeleteOldDailySnapshots deletes: month ends (and so year ends) stay.
DELETE FROM {schema}.kpi_scorecard
WHERE snapshot_date < @from AND DAY(DATEADD(day, 1, snapshot_date)) <> 1;
-- The count as a result: a server or session NOCOUNT (a DBA's 'user options') makes the driver's count -1.
SELECT @@ROWCOUNT;
