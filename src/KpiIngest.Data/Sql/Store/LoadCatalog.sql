SELECT unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result, citizen_subject
FROM {schema}.kpi_catalog
