-- SQLite's row path: one prepared upsert per (day, pair) delta.
INSERT INTO kpi_daily_pair (day, pair_id, received, online, with_fee, with_fee_paid_online, digitized, reused,
                            paid_online, resolved, resolved_e_result, resolved_with_due, resolved_on_time)
VALUES (@day, @pair_id, @received, @online, @with_fee, @with_fee_paid_online, @digitized, @reused,
        @paid_online, @resolved, @resolved_e_result, @resolved_with_due, @resolved_on_time)
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
    resolved_on_time = resolved_on_time + excluded.resolved_on_time
