-- Destructive statements: every one loses data. Each file sets lock_timeout first unless it tests that rule.
SET lock_timeout = '5s';

DROP TABLE legacy_orders; -- expect: drop-table
DROP TABLE IF EXISTS a, b CASCADE; -- expect: drop-table
ALTER TABLE orders DROP COLUMN legacy_status; -- expect: drop-column
ALTER TABLE orders DROP legacy_flag; -- expect: drop-column
TRUNCATE orders; -- expect: truncate
TRUNCATE TABLE audit_log, audit_log_archive; -- expect: truncate
DROP SCHEMA reporting CASCADE; -- expect: drop-schema
DELETE FROM sessions; -- expect: delete-without-where
UPDATE orders SET status = 'paid'; -- expect: update-without-where

-- safe forms: dropping a constraint or a view, deleting and updating one bounded batch
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
DROP VIEW orders_summary;
DELETE FROM sessions WHERE id BETWEEN $1 AND $2;
UPDATE orders SET status = 'paid' WHERE id = 42;
