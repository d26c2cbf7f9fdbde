-- The scorecard's six received-day counts (QĐ 766, DVCQG 2026): e-results and digitized dossiers with an e-result
-- by received day, and the four optional source flags. Existing rows get 0; the facts ingested before this version
-- hold none of them, so the ingest re-derives every day's counts from the facts on its next run.
ALTER TABLE {schema}.kpi_daily_pair ADD
    received_e_result bigint NOT NULL CONSTRAINT df_kpi_daily_pair_received_e_result DEFAULT 0,
    digitized_e_result bigint NOT NULL CONSTRAINT df_kpi_daily_pair_digitized_e_result DEFAULT 0,
    synced bigint NOT NULL CONSTRAINT df_kpi_daily_pair_synced DEFAULT 0,
    complaint bigint NOT NULL CONSTRAINT df_kpi_daily_pair_complaint DEFAULT 0,
    personal_storage bigint NOT NULL CONSTRAINT df_kpi_daily_pair_personal_storage DEFAULT 0,
    citizen_data bigint NOT NULL CONSTRAINT df_kpi_daily_pair_citizen_data DEFAULT 0;
GO
