-- One period's counts per pair, summed by the engine: what walking the period's days from its first one adds up,
-- without sending every daily row to the worker (a snapshot's year-to-date is most of the table).
SELECT pair_id,
       CAST(SUM(received) AS bigint), CAST(SUM(online) AS bigint), CAST(SUM(with_fee) AS bigint),
       CAST(SUM(with_fee_paid_online) AS bigint), CAST(SUM(digitized) AS bigint), CAST(SUM(reused) AS bigint),
       CAST(SUM(paid_online) AS bigint), CAST(SUM(resolved) AS bigint), CAST(SUM(resolved_e_result) AS bigint),
       CAST(SUM(resolved_with_due) AS bigint), CAST(SUM(resolved_on_time) AS bigint),
       CAST(SUM(received_e_result) AS bigint), CAST(SUM(digitized_e_result) AS bigint), CAST(SUM(synced) AS bigint),
       CAST(SUM(complaint) AS bigint), CAST(SUM(personal_storage) AS bigint), CAST(SUM(citizen_data) AS bigint)
FROM {schema}.kpi_daily_pair
WHERE day >= @from AND day <= @to
GROUP BY pair_id
