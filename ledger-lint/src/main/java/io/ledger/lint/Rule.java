package io.ledger.lint;

import static io.ledger.lint.Severity.ERROR;
import static io.ledger.lint.Severity.WARNING;

/**
 * Every rule the linter knows, with the explanation a reviewer needs. Errors are changes that lose data, fail
 * outright on a populated table, or rewrite a whole table under an ACCESS EXCLUSIVE lock; warnings block traffic
 * for a scan or need a human to look. docs/lint.md documents the same list.
 */
public enum Rule {
    DROP_TABLE("drop-table", ERROR,
            "DROP TABLE deletes the table and its data; running code that still reads it fails.",
            "Stop using the table first, keep it for a release, back it up, then drop it in a contract step."),
    DROP_COLUMN("drop-column", ERROR,
            "DROP COLUMN deletes the column's data; running code that still reads or writes it fails.",
            "Stop reading and writing the column first, then drop it in a later contract migration."),
    TRUNCATE("truncate", ERROR,
            "TRUNCATE deletes every row under an ACCESS EXCLUSIVE lock and cannot be undone by a rollback script.",
            "Delete in batches with a WHERE clause, or back the data up and do it in a contract step."),
    DROP_SCHEMA("drop-schema", ERROR,
            "DROP SCHEMA deletes every object in the schema (with CASCADE, everything depending on it too).",
            "Drop the schema's objects one by one in contract steps after they are unused."),
    DELETE_WITHOUT_WHERE("delete-without-where", ERROR,
            "DELETE without WHERE deletes every row of the table in one transaction.",
            "Add a WHERE clause; delete a large set in bounded batches (WHERE id BETWEEN $1 AND $2)."),
    UPDATE_WITHOUT_WHERE("update-without-where", ERROR,
            "UPDATE without WHERE rewrites every row in one long transaction, locking them all.",
            "Add a WHERE clause; update a large set in bounded batches (WHERE id BETWEEN $1 AND $2)."),
    CREATE_INDEX_NOT_CONCURRENTLY("create-index-not-concurrently", ERROR,
            "CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built.",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ..., outside any transaction block."),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", ERROR,
            "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside a transaction block.",
            "Run the concurrent statement on its own, outside BEGIN ... COMMIT (and outside the tool's "
                    + "transaction, e.g. Flyway's executeInTransaction=false)."),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT("add-column-not-null-without-default", ERROR,
            "ADD COLUMN ... NOT NULL without a DEFAULT fails on any table that already has rows.",
            "Add the column nullable (or with a constant DEFAULT), backfill in batches, then enforce NOT NULL "
                    + "with a CHECK (col IS NOT NULL) NOT VALID constraint and VALIDATE CONSTRAINT."),
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", ERROR,
            "ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(), nextval()...), "
                    + "or a serial, identity or stored generated column, computes a value for every row: it "
                    + "rewrites the whole table under an ACCESS EXCLUSIVE lock.",
            "Add the column without a default (or with a constant one), set the default afterwards with "
                    + "ALTER COLUMN ... SET DEFAULT, and backfill existing rows in batches."),
    ALTER_COLUMN_TYPE("alter-column-type", ERROR,
            "ALTER COLUMN ... TYPE usually rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.",
            "Add a new column of the new type, dual-write and backfill in batches, switch readers, then drop "
                    + "the old column in a contract step."),
    SET_NOT_NULL("set-not-null", WARNING,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to check existing rows.",
            "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (weaker lock); "
                    + "on PostgreSQL 12+ SET NOT NULL is then instant."),
    ADD_CONSTRAINT_WITHOUT_NOT_VALID("add-constraint-without-not-valid", WARNING,
            "Adding a FOREIGN KEY or CHECK constraint validates every existing row while holding a lock that "
                    + "blocks writes.",
            "ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a separate statement."),
    ADD_UNIQUE_OR_PRIMARY_KEY_WITHOUT_INDEX("add-unique-or-primary-key-without-index", WARNING,
            "ADD PRIMARY KEY / UNIQUE builds its index while holding an ACCESS EXCLUSIVE lock.",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... PRIMARY KEY/UNIQUE USING INDEX."),
    RENAME_COLUMN("rename-column", WARNING,
            "Renaming a column breaks every running query that still uses the old name.",
            "Add the new column, dual-write and backfill, move readers, then drop the old column later."),
    RENAME_TABLE("rename-table", WARNING,
            "Renaming a table breaks every running query that still uses the old name.",
            "Create the new name as a view (or the old name as a view over the new table) while code moves."),
    VACUUM_FULL("vacuum-full", ERROR,
            "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends.",
            "Plain VACUUM, or an online repack (pg_repack, pg_squeeze)."),
    CLUSTER("cluster", ERROR,
            "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends.",
            "An online repack (pg_repack with --order-by), or accept the current physical order."),
    REINDEX_NOT_CONCURRENTLY("reindex-not-concurrently", WARNING,
            "REINDEX without CONCURRENTLY blocks writes to the table (and reads using the index) until it ends.",
            "REINDEX ... CONCURRENTLY (PostgreSQL 12+), outside any transaction block."),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout", WARNING,
            "This statement takes an ACCESS EXCLUSIVE lock; waiting for it behind a long query queues every "
                    + "other query on the table, an outage even if the statement itself is instant.",
            "SET lock_timeout = '5s' (or SET LOCAL inside the transaction) earlier in the script, and retry."),
    UNBATCHED_UPDATE("unbatched-update", WARNING,
            "This UPDATE's WHERE does not bound the rows (no key range, ID list or single key): on a large "
                    + "table it is one long transaction holding row locks and bloating the table.",
            "Update in batches: WHERE id BETWEEN $1 AND $2 (or id IN (...)), committing between batches."),
    UNBATCHED_DELETE("unbatched-delete", WARNING,
            "This DELETE's WHERE does not bound the rows (no key range, ID list or single key): on a large "
                    + "table it is one long transaction holding row locks and bloating the table.",
            "Delete in batches: WHERE id BETWEEN $1 AND $2 (or id IN (...)), committing between batches."),
    MIXED_EXPAND_CONTRACT("mixed-expand-contract", WARNING,
            "One migration both expands (adds columns, tables, indexes) and contracts (drops them, enforces "
                    + "NOT NULL): code deployed between the two can no longer work, and rollback loses data.",
            "Ship the expand step, deploy code that uses it, then ship the contract step as its own migration."),
    MISSING_REVERSAL("missing-reversal", WARNING,
            "There is no planned way back if this change has to be undone.",
            "Write the rollback (Flyway U__ file, golang-migrate .down.sql), or declare the phase forwardOnly."),
    UNPARSED("unparsed", WARNING,
            "The linter could not parse this statement, so it was not checked.",
            "Review the statement by hand; if the SQL is valid PostgreSQL, suppress with a reason."),
    SUPPRESSION_WITHOUT_REASON("suppression-without-reason", WARNING,
            "A ledger:ignore comment must say why the finding is acceptable, for reviewers and auditors.",
            "-- ledger:ignore <rule-id> reason: <why this is safe here>"),
    INVALID_SUPPRESSION("invalid-suppression", WARNING,
            "This ledger:ignore comment names no rule, or a rule id that does not exist (a typo?): it does not "
                    + "suppress what its author meant it to.",
            "-- ledger:ignore <rule-id>[, <rule-id>] reason: <why>, with the rule ids listed in docs/lint.md."),
    UNUSED_SUPPRESSION("unused-suppression", WARNING,
            "This ledger:ignore comment suppresses no finding: it is stale, names another rule than the "
                    + "statement breaks, or is not on the lines just before its statement (a blank line ends them).",
            "Remove it, or move it onto the lines just before the statement it is for.");

    private final String id;
    private final Severity severity;
    private final String why;
    private final String saferAlternative;

    Rule(String id, Severity severity, String why, String saferAlternative) {
        this.id = id;
        this.severity = severity;
        this.why = why;
        this.saferAlternative = saferAlternative;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String why() {
        return why;
    }

    public String saferAlternative() {
        return saferAlternative;
    }

    /** Whether the rule is about losing data (the destructive changes a contract step is for). */
    public boolean destructive() {
        return switch (this) {
            case DROP_TABLE, DROP_COLUMN, TRUNCATE, DROP_SCHEMA, DELETE_WITHOUT_WHERE, UPDATE_WITHOUT_WHERE -> true;
            default -> false;
        };
    }
}
