-- The history's principals: the tokens whose requests recorded a migration's events. Its actors are the names the
-- bodies declared, which any runner may choose; the principal is who the ledger authenticated, so auditors search
-- by it too. Token names compare without case, so the search does (HistoryRepository) and no index serves it; the
-- table has one row per migration.
ALTER TABLE history ADD COLUMN principals TEXT[] NOT NULL DEFAULT '{}';

-- Rows written before this version get theirs from the events' metadata, so that the search covers them without a
-- replay, in code-point order as the projection sorts them. Metadata that is not JSON (which the ledger never
-- writes) names no principal rather than stopping the upgrade; verification reports such a row anyway.
CREATE FUNCTION pg_temp.principal_of(metadata bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN convert_from(metadata, 'UTF8')::jsonb ->> 'principal';
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;

UPDATE history h SET principals = coalesce((
    SELECT array_agg(DISTINCT p.principal ORDER BY p.principal)
    FROM (SELECT pg_temp.principal_of(e.metadata) COLLATE "C" AS principal
          FROM domainevententry e WHERE e.aggregateidentifier = h.migration_id) p
    WHERE p.principal IS NOT NULL), '{}');
