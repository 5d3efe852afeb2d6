package io.ledger.lint;

/**
 * How the migration tool sends a script to PostgreSQL, which decides whether its statements share a transaction
 * block. psql, Flyway and Liquibase send one statement at a time; golang-migrate sends a whole file as one query
 * string, which PostgreSQL runs as one implicit transaction when it holds more than one statement, so that
 * {@code CREATE INDEX CONCURRENTLY} there fails at deploy time.
 */
public enum Delivery {
    STATEMENT_BY_STATEMENT,
    ONE_QUERY
}
