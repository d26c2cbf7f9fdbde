-- Adds a transaction's late-dossier deltas; the stage is summed first so no row is updated twice in one statement.
MERGE {schema}.kpi_daily_overdue WITH (HOLDLOCK) AS t
USING (
    SELECT unit_id, received_day, due_day, SUM(overdue) AS overdue, SUM(overdue_with_complaint) AS overdue_with_complaint
    FROM {temp}kpi_stage_daily_overdue
    GROUP BY unit_id, received_day, due_day
) AS s ON t.received_day = s.received_day AND t.unit_id = s.unit_id AND t.due_day = s.due_day
WHEN MATCHED THEN UPDATE SET
    overdue = t.overdue + s.overdue,
    overdue_with_complaint = t.overdue_with_complaint + s.overdue_with_complaint
WHEN NOT MATCHED THEN INSERT (unit_id, received_day, due_day, overdue, overdue_with_complaint)
    VALUES (s.unit_id, s.received_day, s.due_day, s.overdue, s.overdue_with_complaint);
