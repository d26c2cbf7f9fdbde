INSERT INTO {schema}.kpi_catalog (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result)
VALUES (@UnitId, @ProcedureCode, @ProcedureName, @OnlineMode, @HasFee, @OnlinePayment, @RequiresResult)
