SELECT unit_id, parent_id, name, level, active_from, active_to
FROM {schema}.src_unit
