-- Scripts written for psql: meta-commands and COPY data rows are not SQL, and must not hide what follows.
SET lock_timeout = '5s';
\set ON_ERROR_STOP on
DROP TABLE orders; -- expect: drop-table
BEGIN;
\set ON_ERROR_STOP 1
ALTER TABLE orders DROP COLUMN x; -- expect: drop-column
COMMIT;
SELECT 1 AS one \gset
TRUNCATE orders; -- expect: truncate

-- data rows: the apostrophe and the semicolon in them are data
COPY orders (id, note) FROM stdin; -- expect: unparsed
1	it's broken
2	a;b
\.
ALTER TABLE orders DROP COLUMN note; -- expect: drop-column

-- the linter cannot check SQL that psql reads from elsewhere
\i common/setup.sql -- expect: unparsed
SELECT format('DROP TABLE %I', name) FROM old_tables \gexec -- expect: unparsed
