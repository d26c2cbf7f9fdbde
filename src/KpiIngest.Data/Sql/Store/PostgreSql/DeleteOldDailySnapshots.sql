-- Daily rows older than the window go; month ends (and so year ends) stay.
DELETE FROM {schema}.kpi_snapshot
WHERE snapshot_date < @from AND EXTRACT(DAY FROM snapshot_date + 1) <> 1
