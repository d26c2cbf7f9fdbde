-- The scorecard's source side (QĐ 766, DVCQG 2026):
-- * kpi_catalog.citizen_subject: the optional src_procedure.citizen_subject (0 where the source lacks it);
-- * kpi_dossier_fact.due_day: the local date of due_at, where a late dossier starts to count as overdue; facts
--   stored before this version have none until read again (the first run after it re-reads every dossier);
-- * kpi_daily_overdue: late dossiers (a due time, not resolved by it) by unit, received day and due day, kept by the
--   same deltas as kpi_daily_pair, so "overdue at S" of any date and period is a sum over it, never a fact scan;
-- * received_e_result and digitized_e_result rebuilt from the stored facts' traits (e-result 32, digitized 8): 0013
--   added them as 0 while the facts already held what they count, and the next change of a dossier subtracts them.
ALTER TABLE {schema}.kpi_catalog ADD
    citizen_subject bit NOT NULL CONSTRAINT df_kpi_catalog_citizen_subject DEFAULT 0;
GO

ALTER TABLE {schema}.kpi_dossier_fact ADD due_day date NULL;
GO

CREATE TABLE {schema}.kpi_daily_overdue (
    unit_id                nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    received_day           date         NOT NULL,
    due_day                date         NOT NULL,
    overdue                bigint       NOT NULL,
    overdue_with_complaint bigint       NOT NULL,
    CONSTRAINT pk_kpi_daily_overdue PRIMARY KEY CLUSTERED (received_day, unit_id, due_day)
);
GO

UPDATE {schema}.kpi_daily_pair
SET received_e_result = counted.received_e_result, digitized_e_result = counted.digitized_e_result
FROM (
    SELECT p.pair_id, f.received_day AS day,
           SUM(CASE WHEN (f.traits & 32) <> 0 THEN 1 ELSE 0 END) AS received_e_result,
           SUM(CASE WHEN (f.traits & 40) = 40 THEN 1 ELSE 0 END) AS digitized_e_result
    FROM {schema}.kpi_dossier_fact AS f
    JOIN {schema}.kpi_pair AS p ON p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code
    WHERE f.received_day IS NOT NULL
    GROUP BY p.pair_id, f.received_day
) AS counted
WHERE counted.pair_id = kpi_daily_pair.pair_id AND counted.day = kpi_daily_pair.day;
GO
