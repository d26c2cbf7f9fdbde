-- Adds a page's deltas to the daily counts; the stage is summed first so no row is updated twice in one statement.
INSERT INTO {schema}.kpi_daily_pair (day, pair_id, received, online, with_fee, with_fee_paid_online, digitized, reused,
                                     paid_online, resolved, resolved_e_result, resolved_with_due, resolved_on_time,
                                     received_e_result, digitized_e_result, synced, complaint, personal_storage, citizen_data)
SELECT day, pair_id, SUM(received), SUM(online), SUM(with_fee), SUM(with_fee_paid_online), SUM(digitized), SUM(reused),
       SUM(paid_online), SUM(resolved), SUM(resolved_e_result), SUM(resolved_with_due), SUM(resolved_on_time),
       SUM(received_e_result), SUM(digitized_e_result), SUM(synced), SUM(complaint), SUM(personal_storage), SUM(citizen_data)
FROM {temp}kpi_stage_daily_pair
GROUP BY day, pair_id
ON CONFLICT (day, pair_id) DO UPDATE SET
    received = kpi_daily_pair.received + excluded.received,
    online = kpi_daily_pair.online + excluded.online,
    with_fee = kpi_daily_pair.with_fee + excluded.with_fee,
    with_fee_paid_online = kpi_daily_pair.with_fee_paid_online + excluded.with_fee_paid_online,
    digitized = kpi_daily_pair.digitized + excluded.digitized,
    reused = kpi_daily_pair.reused + excluded.reused,
    paid_online = kpi_daily_pair.paid_online + excluded.paid_online,
    resolved = kpi_daily_pair.resolved + excluded.resolved,
    resolved_e_result = kpi_daily_pair.resolved_e_result + excluded.resolved_e_result,
    resolved_with_due = kpi_daily_pair.resolved_with_due + excluded.resolved_with_due,
    resolved_on_time = kpi_daily_pair.resolved_on_time + excluded.resolved_on_time,
    received_e_result = kpi_daily_pair.received_e_result + excluded.received_e_result,
    digitized_e_result = kpi_daily_pair.digitized_e_result + excluded.digitized_e_result,
    synced = kpi_daily_pair.synced + excluded.synced,
    complaint = kpi_daily_pair.complaint + excluded.complaint,
    personal_storage = kpi_daily_pair.personal_storage + excluded.personal_storage,
    citizen_data = kpi_daily_pair.citizen_data + excluded.citizen_data
