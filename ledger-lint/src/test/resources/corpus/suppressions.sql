SET lock_timeout = '5s';

-- ledger:ignore drop-table reason: table emptied and unused since v40
DROP TABLE legacy_orders; -- expect: drop-table(suppressed)
TRUNCATE scratch; -- ledger:ignore truncate reason: scratch is rebuilt nightly -- expect: truncate(suppressed)
/* ledger:ignore drop-column, mixed-expand-contract reason: column never shipped */
ALTER TABLE orders DROP COLUMN draft; -- expect: drop-column(suppressed)

-- a suppression without a reason is itself a finding, and suppresses nothing
-- ledger:ignore truncate -- expect: suppression-without-reason
TRUNCATE sessions; -- expect: truncate

-- a suppression names its rule: other findings of the statement still count
-- ledger:ignore drop-column reason: wrong rule named -- expect: unused-suppression
DROP TABLE audit_archive; -- expect: drop-table

-- a comment before the terminating semicolon is inside its statement
DROP TABLE one_table -- expect: drop-table(suppressed)
  -- ledger:ignore drop-table reason: for one_table only
;
DROP TABLE other_table; -- expect: drop-table

-- a blank line ends the comments that lead a statement
-- ledger:ignore drop-table reason: meant for a table dropped long ago -- expect: unused-suppression

DROP TABLE important; -- expect: drop-table

-- a suppression naming no rule or an unknown one is reported, and suppresses nothing it was meant to
-- ledger:ignore drop-colum reason: typo in the id -- expect: invalid-suppression
ALTER TABLE orders DROP COLUMN typo; -- expect: drop-column
-- ledger:ignore reason: because -- expect: invalid-suppression
DROP TABLE no_rule_named; -- expect: drop-table
-- "reason:" in any case
-- ledger:ignore drop-table Reason: approved in CR-1
DROP TABLE approved; -- expect: drop-table(suppressed)
-- one that suppresses nothing is stale
-- ledger:ignore drop-table reason: stale -- expect: unused-suppression
SELECT 1;
