-- A row whose counts returned to zero is removed, so rows exist only where a late dossier counts.
DELETE FROM {schema}.kpi_daily_overdue
WHERE overdue = 0
  AND EXISTS (SELECT 1 FROM {temp}kpi_stage_daily_overdue AS s
              WHERE s.received_day = kpi_daily_overdue.received_day AND s.unit_id = kpi_daily_overdue.unit_id
                AND s.due_day = kpi_daily_overdue.due_day AND s.overdue < 0)
