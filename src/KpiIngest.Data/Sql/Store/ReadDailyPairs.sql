SELECT day, pair_id, received, online, with_fee, with_fee_paid_online, digitized, reused, paid_online,
       resolved, resolved_e_result, resolved_with_due, resolved_on_time,
       received_e_result, digitized_e_result, synced, complaint, personal_storage, citizen_data
FROM {schema}.kpi_daily_pair WHERE day >= @from AND day <= @to ORDER BY day
