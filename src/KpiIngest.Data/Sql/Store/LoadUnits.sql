SELECT unit_id AS UnitId, parent_id AS ParentId, name AS Name, level AS Level, active_from AS ActiveFrom, active_to AS ActiveTo
FROM {schema}.kpi_unit
