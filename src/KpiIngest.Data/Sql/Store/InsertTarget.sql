INSERT INTO {schema}.kpi_target (effective_from, source, indicator, level, unit_id, target)
VALUES (@from, @source, @indicator, @level, @unitId, @target)
