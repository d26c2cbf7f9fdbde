-- Taken when free, expired, or already this holder's; otherwise left as it is (the caller reads who holds it).
MERGE {schema}.kpi_lease WITH (HOLDLOCK) AS t
USING (SELECT @name AS name) AS s ON t.name = s.name
WHEN MATCHED AND (t.expires_at <= @at OR t.holder = @holder) THEN UPDATE SET
    holder = @holder, purpose = @purpose, acquired_at = @at, renewed_at = @at, expires_at = @expires
WHEN NOT MATCHED THEN INSERT (name, holder, purpose, acquired_at, renewed_at, expires_at)
    VALUES (@name, @holder, @purpose, @at, @at, @expires);
