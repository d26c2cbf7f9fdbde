-- One row affected: this instance claimed the firing and runs it; none: another instance did.
INSERT INTO {schema}.kpi_job_claim (job, fire_time, holder, claimed_at)
SELECT @job, @fireTime, @holder, @at
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_job_claim WITH (UPDLOCK, HOLDLOCK) WHERE job = @job AND fire_time = @fireTime);
-- The count as a result: a server or session NOCOUNT (a DBA's 'user options') makes the driver's count -1.
SELECT @@ROWCOUNT;
