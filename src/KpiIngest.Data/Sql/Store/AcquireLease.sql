-- Taken when free, expired, or already this holder's; otherwise left as it is (the caller reads who holds it).
INSERT INTO {schema}.kpi_lease (name, holder, purpose, acquired_at, renewed_at, expires_at)
VALUES (@name, @holder, @purpose, @at, @at, @expires)
ON CONFLICT (name) DO UPDATE SET
    holder = excluded.holder, purpose = excluded.purpose, acquired_at = excluded.acquired_at,
    renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
WHERE kpi_lease.expires_at <= excluded.acquired_at OR kpi_lease.holder = excluded.holder
