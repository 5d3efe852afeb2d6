-- set_config sets lock_timeout too; a zero in any unit, DEFAULT or RESET switch it off.
SELECT set_config('lock_timeout', '5s', false);
ALTER TABLE orders DROP COLUMN x; -- expect: drop-column
SET lock_timeout = '0s';
ALTER TABLE orders RENAME COLUMN a TO b; -- expect: rename-column, missing-lock-timeout
SELECT set_config('lock_timeout', '3s', true);
ALTER TABLE orders ADD COLUMN a1 int; -- expect: mixed-expand-contract
SET lock_timeout = '0';
ALTER TABLE orders ADD COLUMN a2 int; -- expect: missing-lock-timeout
SET lock_timeout = '5s';
SET lock_timeout = '0ms';
ALTER TABLE orders ADD COLUMN a3 int; -- expect: missing-lock-timeout
SET lock_timeout = '5s';
SET lock_timeout = DEFAULT;
ALTER TABLE orders ADD COLUMN a4 int; -- expect: missing-lock-timeout
SET lock_timeout = '5s';
SELECT set_config('lock_timeout', '0', false);
ALTER TABLE orders ADD COLUMN a5 int; -- expect: missing-lock-timeout
SET lock_timeout = '1.5s';
ALTER TABLE orders ADD COLUMN a6 int;
RESET lock_timeout;
ALTER TABLE orders ADD COLUMN a7 int; -- expect: missing-lock-timeout
