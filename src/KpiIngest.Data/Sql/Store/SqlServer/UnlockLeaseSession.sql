-- Lets go of the lease's session lock taken by TryLockLeaseSession on this session.
DECLARE @resource nvarchar(255) = N'{schema}.kpi_lease:' + @name;
EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';
