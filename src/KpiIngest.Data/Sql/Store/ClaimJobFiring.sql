-- One row affected: this instance claimed the firing and runs it; none: another instance did.
INSERT INTO {schema}.kpi_job_claim (job, fire_time, holder, claimed_at) VALUES (@job, @fireTime, @holder, @at)
ON CONFLICT (job, fire_time) DO NOTHING
