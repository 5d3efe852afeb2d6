-- Row changes written inside other statements still change rows.
SET lock_timeout = '5s';
WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d; -- expect: delete-without-where
WITH u AS (UPDATE orders SET x = 1 RETURNING *) SELECT 1; -- expect: update-without-where
WITH u AS (UPDATE orders SET x = 1 WHERE id = $1 RETURNING *) SELECT 1;
WITH d AS (DELETE FROM sessions WHERE expires_at < now() RETURNING id) INSERT INTO purged SELECT id FROM d; -- expect: unbatched-delete
-- MERGE changes every row its join matches
MERGE INTO orders o USING src s ON o.id = s.id WHEN MATCHED THEN DELETE; -- expect: unbatched-delete
MERGE INTO orders o USING src s ON o.id = s.id WHEN MATCHED THEN UPDATE SET x = 1; -- expect: unbatched-update
MERGE INTO orders o USING src s ON o.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);
-- EXPLAIN ANALYZE runs the statement; plain EXPLAIN only plans it
EXPLAIN ANALYZE DELETE FROM orders; -- expect: delete-without-where
EXPLAIN (ANALYZE) UPDATE orders SET x = 1; -- expect: update-without-where
EXPLAIN DELETE FROM orders;
