-- SQLite's row path: one prepared upsert per (day, pair) delta.
INSERT INTO kpi_daily_pair (day, pair_id, received, online, with_fee, with_fee_paid_online, digitized, reused,
                            paid_online, resolved, resolved_e_result, resolved_with_due, resolved_on_time,
                            received_e_result, digitized_e_result, synced, complaint, personal_storage, citizen_data)
VALUES (@day, @pair_id, @received, @online, @with_fee, @with_fee_paid_online, @digitized, @reused,
        @paid_online, @resolved, @resolved_e_result, @resolved_with_due, @resolved_on_time,
        @received_e_result, @digitized_e_result, @synced, @complaint, @personal_storage, @citizen_data)
ON CONFLICT (day, pair_id) DO UPDATE SET
    received = received + excluded.received,
    online = online + excluded.online,
    with_fee = with_fee + excluded.with_fee,
    with_fee_paid_online = with_fee_paid_online + excluded.with_fee_paid_online,
    digitized = digitized + excluded.digitized,
    reused = reused + excluded.reused,
    paid_online = paid_online + excluded.paid_online,
    resolved = resolved + excluded.resolved,
    resolved_e_result = resolved_e_result + excluded.resolved_e_result,
    resolved_with_due = resolved_with_due + excluded.resolved_with_due,
    resolved_on_time = resolved_on_time + excluded.resolved_on_time,
    received_e_result = received_e_result + excluded.received_e_result,
    digitized_e_result = digitized_e_result + excluded.digitized_e_result,
    synced = synced + excluded.synced,
    complaint = complaint + excluded.complaint,
    personal_storage = personal_storage + excluded.personal_storage,
    citizen_data = citizen_data + excluded.citizen_data
