/**
 * The client's machinery: HTTP transport, the one retry loop, backoff and JSON settings. Not API: anything here may
 * change in any release; use {@link io.ledger.client}.
 */
package io.ledger.client.internal;
