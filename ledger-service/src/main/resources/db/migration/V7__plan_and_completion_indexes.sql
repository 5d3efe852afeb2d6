-- The policy judges a production phase against other migrations' plans and completions, read from the ledger
-- itself (io.ledger.policy.PolicyFacts). Without these it scans every event of the ledger; being partial, they
-- hold only planned and completed rows, so appending any other event costs nothing more.
-- Not CONCURRENTLY: Flyway runs each migration in a transaction, before the service takes requests.
CREATE INDEX domainevententry_planned ON domainevententry (aggregateidentifier)
    WHERE payloadtype = 'io.ledger.api.event.Planned';
CREATE INDEX domainevententry_completed ON domainevententry (aggregateidentifier)
    WHERE payloadtype = 'io.ledger.api.event.Completed';
