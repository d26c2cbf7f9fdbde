-- A row quarantined again after it was cleared starts a new episode: first_seen moves to now.
INSERT INTO {schema}.kpi_quarantine (relation, record_key, reason, first_seen, last_seen, value_text, cleared_at)
VALUES (@Relation, @RecordKey, @Reason, @at, @at, @ValueText, NULL)
ON CONFLICT (relation, record_key) DO UPDATE SET
    reason = excluded.reason, last_seen = excluded.last_seen, value_text = excluded.value_text,
    first_seen = CASE WHEN kpi_quarantine.cleared_at IS NULL THEN kpi_quarantine.first_seen ELSE excluded.first_seen END,
    cleared_at = NULL
