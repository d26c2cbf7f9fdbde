SELECT DISTINCT pair_id FROM {schema}.kpi_daily_pair WHERE day >= @from AND day <= @to AND paid_online > 0
