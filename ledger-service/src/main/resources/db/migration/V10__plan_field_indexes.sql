-- A production gate looks other migrations up by fields of their plans (io.ledger.policy.PolicyFacts): the plan
-- with the same checksum in the environment it is promoted from, and the last expand step on the same database.
-- Without these indexes each such gate decoded every plan of the ledger; with them it reads the plans that match.
-- The function is immutable in fact: a payload's bytes never change meaning, and a database's encoding is fixed.
CREATE FUNCTION ledger_plan_field(payload bytea, field text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT convert_from(payload, 'UTF8')::jsonb #>> ARRAY['plan', field] $$;

CREATE INDEX domainevententry_plan_checksum ON domainevententry
    (ledger_plan_field(payload, 'checksum'), ledger_plan_field(payload, 'environment'))
    WHERE payloadtype = 'io.ledger.api.event.Planned';
CREATE INDEX domainevententry_plan_step ON domainevententry
    (ledger_plan_field(payload, 'database'), ledger_plan_field(payload, 'environment'),
     ledger_plan_field(payload, 'step'))
    WHERE payloadtype = 'io.ledger.api.event.Planned';
