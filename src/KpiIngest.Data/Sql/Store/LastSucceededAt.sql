SELECT MAX(finished_at) FROM {schema}.kpi_run WHERE kind = @kind AND status = 'SUCCEEDED'
