INSERT INTO {schema}.kpi_catalog (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result, citizen_subject)
VALUES (@UnitId, @ProcedureCode, @ProcedureName, @OnlineMode, @HasFee, @OnlinePayment, @RequiresResult, @CitizenSubject)
