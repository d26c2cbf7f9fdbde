-- The scorecard's six received-day counts (QĐ 766, DVCQG 2026): e-results and digitized dossiers with an e-result
-- by received day, and the four optional source flags. Existing rows get 0; the facts ingested before this version
-- hold none of them, so the ingest re-derives every day's counts from the facts on its next run.
ALTER TABLE {schema}.kpi_daily_pair
    ADD COLUMN received_e_result bigint NOT NULL DEFAULT 0,
    ADD COLUMN digitized_e_result bigint NOT NULL DEFAULT 0,
    ADD COLUMN synced bigint NOT NULL DEFAULT 0,
    ADD COLUMN complaint bigint NOT NULL DEFAULT 0,
    ADD COLUMN personal_storage bigint NOT NULL DEFAULT 0,
    ADD COLUMN citizen_data bigint NOT NULL DEFAULT 0;
