-- PostgreSQL forms JSqlParser 5.4 cannot read as written: still judged, action by action.
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY USING INDEX orders_idx, DROP COLUMN legacy; -- expect: drop-column
ALTER TABLE orders ALTER COLUMN a SET DATA TYPE bigint, DROP COLUMN old; -- expect: alter-column-type, drop-column
ALTER TABLE orders ADD CONSTRAINT c1 CHECK (a > 0), ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES u (id) NOT VALID; -- expect: add-constraint-without-not-valid
ALTER TABLE orders ADD CONSTRAINT fk2 FOREIGN KEY (b) REFERENCES u (id) NOT VALID, ALTER COLUMN c TYPE int; -- expect: alter-column-type
ALTER TABLE orders ADD CHECK (amount > 0); -- expect: add-constraint-without-not-valid
ALTER TABLE orders ADD CHECK (amount > 0) NOT VALID;
ALTER TABLE IF EXISTS ONLY public.orders RENAME COLUMN a TO b; -- expect: rename-column
ALTER TABLE orders ALTER COLUMN x SET DATA TYPE bigint USING x::bigint; -- expect: alter-column-type
ALTER TABLE orders ALTER COLUMN x SET DATA TYPE bigint, ADD COLUMN settings text; -- expect: alter-column-type, unparsed

-- PostgreSQL spellings of destructive statements
UPDATE orders SET note = E'it\'s'; -- expect: update-without-where
TRUNCATE TABLE ONLY orders RESTART IDENTITY CASCADE; -- expect: truncate
DELETE FROM ONLY orders; -- expect: delete-without-where
UPDATE ONLY orders SET x = 1; -- expect: update-without-where
DELETE FROM orders WHERE note = E'a\'b' OR true; -- expect: delete-without-where
UPDATE orders SET note = E'it''s \\ fine' WHERE id = 1;
