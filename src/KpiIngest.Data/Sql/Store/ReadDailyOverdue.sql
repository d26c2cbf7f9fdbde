-- Late dossiers received on @from or later and due on @to or earlier: every row the overdue counts of the snapshot
-- dates up to @to need, for periods starting on @from or later (scorecard.md, "Overdue at S").
SELECT unit_id, received_day, due_day, overdue, overdue_with_complaint
FROM {schema}.kpi_daily_overdue
WHERE received_day >= @from AND due_day <= @to
