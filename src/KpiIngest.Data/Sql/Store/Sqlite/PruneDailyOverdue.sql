-- A row whose counts returned to zero is removed, so rows exist only where a late dossier counts.
DELETE FROM kpi_daily_overdue
WHERE unit_id = @unit_id AND received_day = @received_day AND due_day = @due_day AND overdue = 0
