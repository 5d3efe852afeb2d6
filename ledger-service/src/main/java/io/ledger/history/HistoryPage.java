package io.ledger.history;

import java.util.List;

/** One page of history, newest first; {@code nextCursor} is absent on the last page. */
record HistoryPage(List<HistoryRow> items, String nextCursor) {
}
