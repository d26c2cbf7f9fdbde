-- SQLite's row path: one prepared upsert per (unit, received day, due day) delta of late dossiers.
INSERT INTO kpi_daily_overdue (unit_id, received_day, due_day, overdue, overdue_with_complaint)
VALUES (@unit_id, @received_day, @due_day, @overdue, @overdue_with_complaint)
ON CONFLICT (received_day, unit_id, due_day) DO UPDATE SET
    overdue = overdue + excluded.overdue,
    overdue_with_complaint = overdue_with_complaint + excluded.overdue_with_complaint
