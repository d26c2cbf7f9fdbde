INSERT INTO {schema}.kpi_unit (unit_id, parent_id, name, level, active_from, active_to)
VALUES (@UnitId, @ParentId, @Name, @Level, @ActiveFrom, @ActiveTo)
