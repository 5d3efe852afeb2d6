SET lock_timeout = '5s';

-- A comment that contains SQL is not SQL: DROP TABLE orders; TRUNCATE orders;
/* nor is a block comment /* even nested */ DROP TABLE orders; */

-- quoted identifiers keep their case, and a column may be called "drop"
ALTER TABLE "Orders" DROP COLUMN "drop"; -- expect: drop-column
UPDATE "Orders" SET "drop" = 'x' WHERE "ID" = 1;
INSERT INTO "Orders" ("drop") VALUES ('DROP TABLE orders; -- not a comment'), (E'it''s ; ok');

-- a dollar-quoted function body is a string: the DROP inside it is not run by this migration
CREATE OR REPLACE FUNCTION purge() RETURNS void AS $body$
BEGIN
    DROP TABLE scratch;
    TRUNCATE audit_log;
END;
$body$ LANGUAGE plpgsql;
-- but a DO block runs its body, which the linter cannot read: unparsed, not silently passed
DO $$ BEGIN EXECUTE 'DROP TABLE scratch'; END $$; -- expect: unparsed

-- a statement spanning lines is reported at its first line
ALTER TABLE orders -- expect: alter-column-type
    ALTER COLUMN total
    TYPE bigint;

-- statements JSqlParser cannot read are reported as unparsed, at their own line
COPY orders FROM stdin; -- expect: unparsed
ALTER INDEX orders_status_idx RENAME TO orders_state_idx; -- expect: unparsed
   SELECT 1; SELECT 2;
