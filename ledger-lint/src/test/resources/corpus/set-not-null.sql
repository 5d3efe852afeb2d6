SET lock_timeout = '5s';

ALTER TABLE orders ALTER COLUMN status SET NOT NULL; -- expect: set-not-null

-- safe: the NOT VALID check, validated with a weaker lock
ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
