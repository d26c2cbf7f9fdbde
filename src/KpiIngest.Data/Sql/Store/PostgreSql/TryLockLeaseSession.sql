-- The lease's session lock: an advisory lock of this connection, which the server frees when the connection ends
-- (a killed process, a lost host), so a holder whose connection died blocks no one. Keyed by schema and lease name
-- (64 bits of their MD5: stores in two schemas of one database never share a lock). 1 when taken, 0 when held elsewhere.
SELECT CASE WHEN pg_try_advisory_lock(('x' || substr(md5('{schema}.kpi_lease:' || @name), 1, 16))::bit(64)::bigint)
    THEN 1 ELSE 0 END
