-- The scorecard rows of the snapshot rows DeleteOldDailySnapshots deletes: month ends (and so year ends) stay.
DELETE FROM {schema}.kpi_scorecard
WHERE snapshot_date < @from AND EXTRACT(DAY FROM snapshot_date + 1) <> 1
