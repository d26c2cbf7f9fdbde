-- A row quarantined again after it was cleared starts a new episode: first_seen moves to now.
MERGE {schema}.kpi_quarantine WITH (HOLDLOCK) AS t
USING (SELECT @Relation AS relation, @RecordKey AS record_key, @Reason AS reason, @ValueText AS value_text, @at AS seen) AS s
   ON t.relation = s.relation AND t.record_key = s.record_key
WHEN MATCHED THEN UPDATE SET
    reason = s.reason, last_seen = s.seen, value_text = s.value_text,
    first_seen = CASE WHEN t.cleared_at IS NULL THEN t.first_seen ELSE s.seen END,
    cleared_at = NULL
WHEN NOT MATCHED THEN INSERT (relation, record_key, reason, first_seen, last_seen, value_text, cleared_at)
    VALUES (s.relation, s.record_key, s.reason, s.seen, s.seen, s.value_text, NULL);
