/**
 * The client's machinery: HTTP transport, the one retry loop, backoff, JSON settings and the spool. Not API:
 * anything here may change in any release; use {@link io.ledger.client}.
 */
package io.ledger.client.internal;
