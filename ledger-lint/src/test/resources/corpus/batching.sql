UPDATE orders SET status = 'paid' WHERE status IS NULL; -- expect: unbatched-update
DELETE FROM events WHERE created_at < now() - interval '90 days'; -- expect: unbatched-delete
DELETE FROM events WHERE kind = 'debug'; -- expect: unbatched-delete

-- safe: bounded batches (key range, keyset upper bound, ID list, one key)
UPDATE orders SET status = 'paid' WHERE status IS NULL AND id BETWEEN $1 AND $2;
UPDATE orders SET status = 'paid' WHERE id > $1 AND id <= $2;
DELETE FROM events WHERE id IN (1, 2, 3);
DELETE FROM events WHERE id = $1;
UPDATE orders SET status = 'paid' WHERE id IN (SELECT id FROM orders WHERE status IS NULL LIMIT 1000);
UPDATE orders SET status = 'paid' WHERE id = 1 OR id BETWEEN $1 AND $2;
UPDATE orders SET status = 'paid' WHERE id <= $2::bigint AND id > $1::bigint;
DELETE FROM events WHERE 42 >= id;

-- bounds that touch every row, or may: negated, OR-ed with an unbounded branch, a lower bound, a subquery
DELETE FROM orders WHERE id NOT IN (1, 2); -- expect: unbatched-delete
DELETE FROM orders WHERE id NOT BETWEEN 1 AND 2; -- expect: unbatched-delete
UPDATE orders SET x = 1 WHERE id IN (SELECT id FROM orders); -- expect: unbatched-update
DELETE FROM orders WHERE status = 'x' OR id = 1; -- expect: unbatched-delete
DELETE FROM orders WHERE 0 < id; -- expect: unbatched-delete
DELETE FROM orders WHERE id > 100; -- expect: unbatched-delete
DELETE FROM orders o USING customers c WHERE o.customer_id = c.id; -- expect: unbatched-delete

-- a WHERE that always holds is no WHERE
DELETE FROM orders WHERE 1=1; -- expect: delete-without-where
DELETE FROM orders WHERE (true); -- expect: delete-without-where
UPDATE orders SET total = total * 100 WHERE true; -- expect: update-without-where
UPDATE orders SET note = 'x' WHERE 'a' = 'a'; -- expect: update-without-where
DELETE FROM orders WHERE note = 'a' OR true; -- expect: delete-without-where
