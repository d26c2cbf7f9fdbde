-- The scorecard's six received-day counts (QĐ 766, DVCQG 2026): e-results and digitized dossiers with an e-result
-- by received day, and the four optional source flags. Existing rows get 0; the facts ingested before this version
-- hold none of them, so the ingest re-derives every day's counts from the facts on its next run.
ALTER TABLE kpi_daily_pair ADD COLUMN received_e_result INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily_pair ADD COLUMN digitized_e_result INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily_pair ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily_pair ADD COLUMN complaint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily_pair ADD COLUMN personal_storage INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily_pair ADD COLUMN citizen_data INTEGER NOT NULL DEFAULT 0;
