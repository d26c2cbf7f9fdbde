-- A row whose counts all returned to zero is removed, so rows exist only where something counted.
DELETE FROM {schema}.kpi_daily_pair
WHERE received = 0 AND resolved = 0
  AND EXISTS (SELECT 1 FROM {temp}kpi_stage_daily_pair AS s
              WHERE s.day = kpi_daily_pair.day AND s.pair_id = kpi_daily_pair.pair_id AND (s.received < 0 OR s.resolved < 0))
