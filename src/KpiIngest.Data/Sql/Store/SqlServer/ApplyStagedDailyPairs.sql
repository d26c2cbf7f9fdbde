-- Adds a page's deltas to the daily counts; the stage is summed first so no row is updated twice in one statement.
MERGE {schema}.kpi_daily_pair WITH (HOLDLOCK) AS t
USING (
    SELECT day, pair_id, SUM(received) AS received, SUM(online) AS online, SUM(with_fee) AS with_fee,
           SUM(with_fee_paid_online) AS with_fee_paid_online, SUM(digitized) AS digitized, SUM(reused) AS reused,
           SUM(paid_online) AS paid_online, SUM(resolved) AS resolved, SUM(resolved_e_result) AS resolved_e_result,
           SUM(resolved_with_due) AS resolved_with_due, SUM(resolved_on_time) AS resolved_on_time,
           SUM(received_e_result) AS received_e_result, SUM(digitized_e_result) AS digitized_e_result, SUM(synced) AS synced,
           SUM(complaint) AS complaint, SUM(personal_storage) AS personal_storage, SUM(citizen_data) AS citizen_data
    FROM {temp}kpi_stage_daily_pair
    GROUP BY day, pair_id
) AS s ON t.day = s.day AND t.pair_id = s.pair_id
WHEN MATCHED THEN UPDATE SET
    received = t.received + s.received,
    online = t.online + s.online,
    with_fee = t.with_fee + s.with_fee,
    with_fee_paid_online = t.with_fee_paid_online + s.with_fee_paid_online,
    digitized = t.digitized + s.digitized,
    reused = t.reused + s.reused,
    paid_online = t.paid_online + s.paid_online,
    resolved = t.resolved + s.resolved,
    resolved_e_result = t.resolved_e_result + s.resolved_e_result,
    resolved_with_due = t.resolved_with_due + s.resolved_with_due,
    resolved_on_time = t.resolved_on_time + s.resolved_on_time,
    received_e_result = t.received_e_result + s.received_e_result,
    digitized_e_result = t.digitized_e_result + s.digitized_e_result,
    synced = t.synced + s.synced,
    complaint = t.complaint + s.complaint,
    personal_storage = t.personal_storage + s.personal_storage,
    citizen_data = t.citizen_data + s.citizen_data
WHEN NOT MATCHED THEN INSERT (day, pair_id, received, online, with_fee, with_fee_paid_online, digitized, reused,
                              paid_online, resolved, resolved_e_result, resolved_with_due, resolved_on_time,
                              received_e_result, digitized_e_result, synced, complaint, personal_storage, citizen_data)
    VALUES (s.day, s.pair_id, s.received, s.online, s.with_fee, s.with_fee_paid_online, s.digitized, s.reused,
            s.paid_online, s.resolved, s.resolved_e_result, s.resolved_with_due, s.resolved_on_time,
            s.received_e_result, s.digitized_e_result, s.synced, s.complaint, s.personal_storage, s.citizen_data);
