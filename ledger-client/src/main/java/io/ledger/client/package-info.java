/**
 * The ledger's Java client for runners: {@link io.ledger.client.LedgerClient}, built once and shared, its
 * {@link io.ledger.client.MigrationHandle} for posting one migration's events, and the exceptions it throws, all
 * under {@link io.ledger.client.LedgerException}.
 */
package io.ledger.client;
