-- Every daily-pair row: the rebuild from the facts writes them all again, in the same transaction.
DELETE FROM {schema}.kpi_daily_pair
