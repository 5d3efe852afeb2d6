package io.ledger.lint;

/** A {@code --} or {@code /* *}{@code /} comment, kept apart from the tokens because suppressions live in them. */
record Comment(String text, int line, int column, int start) {
}
