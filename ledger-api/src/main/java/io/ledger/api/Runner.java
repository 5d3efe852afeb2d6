package io.ledger.api;

/** The tool that posted an event: Flyway, Liquibase, gh-ost, a CI job... Every field is optional. */
public record Runner(String tool, String version, String host) {
}
