UPDATE orders SET status = 'paid' WHERE status IS NULL; -- expect: unbatched-update
DELETE FROM events WHERE created_at < now() - interval '90 days'; -- expect: unbatched-delete
DELETE FROM events WHERE kind = 'debug'; -- expect: unbatched-delete

-- safe: bounded batches (key range, keyset upper bound, ID list, one key)
UPDATE orders SET status = 'paid' WHERE status IS NULL AND id BETWEEN $1 AND $2;
UPDATE orders SET status = 'paid' WHERE id > $1 AND id <= $2;
DELETE FROM events WHERE id IN (1, 2, 3);
DELETE FROM events WHERE id = $1;
UPDATE orders SET status = 'paid' WHERE id IN (SELECT id FROM orders WHERE status IS NULL LIMIT 1000);
