-- kpi_dossier_fact.pair_id: the number of the fact's (unit, procedure) pair in kpi_pair, written with every fact from
-- this version on, so that a first ingest's rebuild of kpi_daily_pair groups the facts by an integer instead of joining
-- 1.7 million contributions to kpi_pair on two strings (a sixth of the rebuild at 1M dossiers).
-- The pairs of the facts stored before are numbered first: a first ingest numbered them only at its end, so a store
-- upgraded in the middle of one holds facts whose pair has no number yet.
INSERT INTO kpi_pair (unit_id, procedure_code)
SELECT DISTINCT f.unit_id, f.procedure_code
FROM kpi_dossier_fact AS f
WHERE NOT EXISTS (SELECT 1 FROM kpi_pair AS p WHERE p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code);

-- SQLite adds a NOT NULL column only with a default, and any default number would count a fact under a pair not its
-- own: the table is copied instead, with each fact's number.
CREATE TABLE kpi_dossier_fact_0015 (
    dossier_id     TEXT    NOT NULL PRIMARY KEY,
    unit_id        TEXT    NOT NULL,
    procedure_code TEXT    NOT NULL,
    received_day   TEXT    NULL,
    resolved_day   TEXT    NULL,
    traits         INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL,
    due_day        TEXT    NULL,
    pair_id        INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO kpi_dossier_fact_0015 (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at, due_day, pair_id)
SELECT f.dossier_id, f.unit_id, f.procedure_code, f.received_day, f.resolved_day, f.traits, f.updated_at, f.due_day, p.pair_id
FROM kpi_dossier_fact AS f
JOIN kpi_pair AS p ON p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code;

DROP TABLE kpi_dossier_fact;

ALTER TABLE kpi_dossier_fact_0015 RENAME TO kpi_dossier_fact;
