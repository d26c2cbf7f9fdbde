-- Daily rows older than the window go; month ends (and so year ends) stay.
DELETE FROM kpi_snapshot
WHERE snapshot_date < @from AND strftime('%d', snapshot_date, '+1 day') <> '01'
