DELETE FROM {schema}.kpi_job_claim WHERE fire_time < @from
