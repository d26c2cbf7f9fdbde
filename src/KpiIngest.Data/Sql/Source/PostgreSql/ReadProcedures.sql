-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result,
       citizen_subject
FROM {schema}.src_procedure
