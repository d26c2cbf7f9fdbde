-- Adds a transaction's late-dossier deltas; the stage is summed first so no row is updated twice in one statement.
INSERT INTO {schema}.kpi_daily_overdue (unit_id, received_day, due_day, overdue, overdue_with_complaint)
SELECT unit_id, received_day, due_day, SUM(overdue), SUM(overdue_with_complaint)
FROM {temp}kpi_stage_daily_overdue
GROUP BY unit_id, received_day, due_day
ON CONFLICT (received_day, unit_id, due_day) DO UPDATE SET
    overdue = kpi_daily_overdue.overdue + excluded.overdue,
    overdue_with_complaint = kpi_daily_overdue.overdue_with_complaint + excluded.overdue_with_complaint
