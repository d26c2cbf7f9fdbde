-- The scorecard's source side (QĐ 766, DVCQG 2026):
-- * kpi_catalog.citizen_subject: the optional src_procedure.citizen_subject (false where the source lacks it);
-- * kpi_dossier_fact.due_day: the local date of due_at, where a late dossier starts to count as overdue; facts
--   stored before this version have none until read again (the first run after it re-reads every dossier);
-- * kpi_daily_overdue: late dossiers (a due time, not resolved by it) by unit, received day and due day, kept by the
--   same deltas as kpi_daily_pair, so "overdue at S" of any date and period is a sum over it, never a fact scan;
-- * received_e_result and digitized_e_result rebuilt from the stored facts' traits (e-result 32, digitized 8): 0013
--   added them as 0 while the facts already held what they count, and the next change of a dossier subtracts them.
ALTER TABLE {schema}.kpi_catalog ADD COLUMN citizen_subject boolean NOT NULL DEFAULT false;

ALTER TABLE {schema}.kpi_dossier_fact ADD COLUMN due_day date NULL;

CREATE TABLE {schema}.kpi_daily_overdue (
    unit_id                text   COLLATE "C" NOT NULL,
    received_day           date   NOT NULL,
    due_day                date   NOT NULL,
    overdue                bigint NOT NULL,
    overdue_with_complaint bigint NOT NULL,
    CONSTRAINT pk_kpi_daily_overdue PRIMARY KEY (received_day, unit_id, due_day)
);

UPDATE {schema}.kpi_daily_pair AS d
SET received_e_result = counted.received_e_result, digitized_e_result = counted.digitized_e_result
FROM (
    SELECT p.pair_id, f.received_day AS day,
           COUNT(*) FILTER (WHERE (f.traits & 32) <> 0) AS received_e_result,
           COUNT(*) FILTER (WHERE (f.traits & 40) = 40) AS digitized_e_result
    FROM {schema}.kpi_dossier_fact AS f
    JOIN {schema}.kpi_pair AS p ON p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code
    WHERE f.received_day IS NOT NULL
    GROUP BY p.pair_id, f.received_day
) AS counted
WHERE counted.pair_id = d.pair_id AND counted.day = d.day;
