-- The lease's session lock: an application lock owned by this session, which the server frees when the session ends
-- (a killed process, a lost host), so a holder whose connection died blocks no one. Named by schema and lease name
-- (stores in two schemas of one database never share a lock). 1 when taken, 0 when held elsewhere (no waiting).
DECLARE @resource nvarchar(255) = N'{schema}.kpi_lease:' + @name;
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END;
