-- The scorecard rows of the snapshot rows DeleteOldDailySnapshots deletes: month ends (and so year ends) stay.
DELETE FROM kpi_scorecard
WHERE snapshot_date < @from AND strftime('%d', snapshot_date, '+1 day') <> '01'
