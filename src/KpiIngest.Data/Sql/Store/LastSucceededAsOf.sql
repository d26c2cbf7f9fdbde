SELECT MAX(as_of) FROM {schema}.kpi_run WHERE kind = @kind AND status = 'SUCCEEDED'
