-- The timeline's principal: the token whose request recorded each event, beside the actor its body named, which any
-- runner may choose. A postmortem asks both "who did it" and "whose credentials did it".
ALTER TABLE timeline_event ADD COLUMN principal TEXT;

-- Rows written before this version get theirs from the event's metadata, so that no replay is needed. Metadata that
-- is not JSON (which the ledger never writes) names no principal rather than stopping the upgrade; verification
-- reports such a row anyway. Flyway may have run V13 in the same session, which left the same function behind.
CREATE OR REPLACE FUNCTION pg_temp.principal_of(metadata bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN convert_from(metadata, 'UTF8')::jsonb ->> 'principal';
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;

UPDATE timeline_event t SET principal = pg_temp.principal_of(e.metadata)
FROM domainevententry e WHERE e.globalindex = t.position;

DROP FUNCTION pg_temp.principal_of(bytea);
