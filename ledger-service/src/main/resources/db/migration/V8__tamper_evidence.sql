-- Tamper evidence (docs/security.md). The event table becomes append-only, every event carries a hash that chains
-- it to the previous event of its migration, and the ledger-wide chain that seals events in commit order and its
-- signed checkpoints get tables of their own, append-only too. docs/security.md gives the canonical forms hashed
-- here, so that an auditor can recompute them without this code.

-- A variable-length value as it is hashed: its length as a 4-byte big-endian integer, then its bytes; null is the
-- length -1 and no bytes, so that null, empty and adjacent values can never be mistaken for one another.
CREATE FUNCTION ledger_frame(value bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(length(value)) || value END $$;

CREATE FUNCTION ledger_frame(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ledger_frame(convert_to(value, 'UTF8')) $$;

-- The event hash: SHA-256 over every column an auditor relies on, then the previous event's hash (32 zero bytes
-- before the first event of a migration).
CREATE FUNCTION ledger_event_hash(aggregateidentifier text, sequencenumber bigint, eventidentifier text, type text,
        payloadtype text, payloadrevision text, "timestamp" text, payload bytea, metadata bytea, previous bytea)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT sha256(ledger_frame('migration-ledger event v1'::text) || ledger_frame(aggregateidentifier)
        || int8send(sequencenumber) || ledger_frame(eventidentifier) || ledger_frame(type)
        || ledger_frame(payloadtype) || ledger_frame(payloadrevision) || ledger_frame("timestamp")
        || ledger_frame(payload) || ledger_frame(metadata) || previous) $$;

ALTER TABLE domainevententry ADD COLUMN eventhash bytea;

-- Events recorded before this version are chained as they stand now: tamper evidence starts with the upgrade.
DO $$
DECLARE
    event    record;
    previous bytea;
BEGIN
    FOR event IN SELECT * FROM domainevententry ORDER BY aggregateidentifier, sequencenumber LOOP
        IF event.sequencenumber = 0 THEN
            previous := decode(repeat('00', 32), 'hex');
        END IF;
        previous := ledger_event_hash(event.aggregateidentifier, event.sequencenumber, event.eventidentifier,
            event.type, event.payloadtype, event.payloadrevision, event."timestamp", event.payload, event.metadata,
            previous);
        UPDATE domainevententry SET eventhash = previous WHERE globalindex = event.globalindex;
    END LOOP;
END
$$;

ALTER TABLE domainevententry ALTER COLUMN eventhash SET NOT NULL;

-- Axon's engine inserts only its own columns, so the hash is filled here, whatever the inserter sent. A row that
-- has no predecessor to chain to is refused: Axon never writes one, so it can only be a forgery or a bug.
CREATE FUNCTION domainevententry_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    previous bytea;
BEGIN
    IF NEW.sequencenumber = 0 THEN
        previous := decode(repeat('00', 32), 'hex');
    ELSE
        SELECT eventhash INTO previous FROM domainevententry
            WHERE aggregateidentifier = NEW.aggregateidentifier AND sequencenumber = NEW.sequencenumber - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event % of migration % has no event % to chain to', NEW.sequencenumber,
                NEW.aggregateidentifier, NEW.sequencenumber - 1;
        END IF;
    END IF;
    NEW.eventhash := ledger_event_hash(NEW.aggregateidentifier, NEW.sequencenumber, NEW.eventidentifier, NEW.type,
        NEW.payloadtype, NEW.payloadrevision, NEW."timestamp", NEW.payload, NEW.metadata, previous);
    RETURN NEW;
END
$$;

CREATE TRIGGER domainevententry_chain BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_chain();

-- The ledger-wide chain: every event in the order the sealer saw it committed (io.ledger.integrity.Sealer). The
-- digests of payload and metadata are kept so that verification can say which of the two changed, and the
-- contract's eventId (from the payload) so that it can name an event deleted since.
CREATE TABLE ledger_chain (
    chain_seq     bigint PRIMARY KEY,
    position      bigint NOT NULL UNIQUE,
    migration_id  text   NOT NULL,
    sequence      bigint NOT NULL,
    event_id      text,
    payload_hash  bytea  NOT NULL,
    metadata_hash bytea,
    event_hash    bytea  NOT NULL,
    chain_hash    bytea  NOT NULL,
    UNIQUE (migration_id, sequence)
);

-- Signed checkpoints of the ledger-wide chain: the first chain_seq entries hash to chain_hash.
CREATE TABLE ledger_checkpoint (
    chain_seq  bigint      PRIMARY KEY,
    position   bigint      NOT NULL,
    chain_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    key_id     text        NOT NULL,
    signature  bytea       NOT NULL
);

-- Refuses any UPDATE, DELETE or TRUNCATE statement, even one that matches no row. Triggers fire for superusers
-- too, but a superuser (or the tables' owner) can disable them: the hashes and signatures are what give that away.
CREATE FUNCTION ledger_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING HINT = 'The ledger never updates or deletes what it recorded; see docs/security.md.';
END
$$;

CREATE TRIGGER domainevententry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_chain_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_chain
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
