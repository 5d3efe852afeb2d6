SET lock_timeout = '5s';

VACUUM FULL orders; -- expect: vacuum-full
VACUUM (FULL, ANALYZE) orders; -- expect: vacuum-full
CLUSTER orders USING orders_created_idx; -- expect: cluster
REINDEX TABLE orders; -- expect: reindex-not-concurrently
REINDEX INDEX orders_status_idx; -- expect: reindex-not-concurrently

-- safe
VACUUM orders;
VACUUM (ANALYZE) orders;
REINDEX INDEX CONCURRENTLY orders_status_idx;
REINDEX (VERBOSE) TABLE CONCURRENTLY orders;
