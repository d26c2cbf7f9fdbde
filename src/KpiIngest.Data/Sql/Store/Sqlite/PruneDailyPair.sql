-- A row whose counts all returned to zero is removed, so rows exist only where something counted.
DELETE FROM kpi_daily_pair WHERE day = @day AND pair_id = @pair_id AND received = 0 AND resolved = 0
