SELECT unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result,
       {optional_procedure_columns}
FROM {schema}.src_procedure
