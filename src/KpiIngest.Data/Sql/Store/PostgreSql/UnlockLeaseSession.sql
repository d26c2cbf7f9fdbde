-- Lets go of the lease's session lock taken by TryLockLeaseSession on this connection.
SELECT pg_advisory_unlock(('x' || substr(md5('{schema}.kpi_lease:' || @name), 1, 16))::bit(64)::bigint)
