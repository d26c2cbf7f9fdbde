-- Taken from a holder proven gone (its process or its store session no longer exists), only while it still holds it.
UPDATE {schema}.kpi_lease SET
    holder = @holder, purpose = @purpose, acquired_at = @at, renewed_at = @at, expires_at = @expires
WHERE name = @name AND holder = @gone
