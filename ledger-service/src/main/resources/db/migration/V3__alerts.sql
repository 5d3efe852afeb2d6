-- Alerts read model. The first three tables are the projection and are emptied by a replay; the others hold what
-- the ledger does not contain (people's acknowledgements, regressions reported by the reports feature) or what must
-- never happen twice (notifications already queued), so a replay keeps them.

-- What the alerts projection needs to know about each migration, kept so that handlers never re-read the ledger.
CREATE TABLE alert_migration (
    migration_id     text PRIMARY KEY,
    database         text        NOT NULL,
    environment      text        NOT NULL,
    severity         text        NOT NULL,
    in_progress      boolean     NOT NULL DEFAULT false,
    last_activity_at timestamptz NOT NULL,
    last_sequence    bigint      NOT NULL,
    -- the last_activity_at a stalled alert was raised for, so one silence raises one alert
    stall_raised_for timestamptz
);

CREATE TABLE alert_phase (
    migration_id      text    NOT NULL,
    phase             text    NOT NULL,
    estimated_seconds bigint,
    status            text    NOT NULL DEFAULT 'pending',
    started_at        timestamptz,
    overrun_raised    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (migration_id, phase)
);

CREATE INDEX alert_phase_running ON alert_phase (migration_id) WHERE status = 'running';

CREATE TABLE alert (
    id                     uuid PRIMARY KEY,
    dedup_key              text        NOT NULL UNIQUE,
    migration_id           text        NOT NULL,
    database               text        NOT NULL,
    environment            text        NOT NULL,
    cause                  text        NOT NULL,
    subject                text,
    severity               text        NOT NULL,
    state                  text        NOT NULL,
    occurrence             integer     NOT NULL,
    summary                text        NOT NULL,
    raised_at              timestamptz NOT NULL,
    raised_by_event_id     uuid,
    raised_by_event_type   text,
    acknowledged_at        timestamptz,
    acknowledged_by        text,
    acknowledge_comment    text,
    resolved_at            timestamptz,
    resolved_by            text,
    resolve_comment        text,
    resolved_by_event_id   uuid,
    resolved_by_event_type text
);

CREATE INDEX alert_by_migration ON alert (migration_id);
CREATE INDEX alert_by_state ON alert (state, raised_at);

-- Kept by a replay: what people did to an alert, re-applied by the replay at the same point of the migration's
-- events (after_sequence: the last event the projection had handled when the person acted).
CREATE TABLE alert_action (
    alert_id       uuid        NOT NULL,
    occurrence     integer     NOT NULL,
    after_sequence bigint      NOT NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    comment    text,
    at         timestamptz NOT NULL,
    PRIMARY KEY (alert_id, occurrence, action)
);

-- Kept by a replay: duration regressions the reports feature found, re-raised when the replay reaches their event.
CREATE TABLE alert_regression (
    event_id          uuid PRIMARY KEY,
    migration_id      text             NOT NULL,
    phase             text,
    duration_ms       bigint           NOT NULL,
    rolling_median_ms bigint           NOT NULL,
    factor            double precision NOT NULL
);

-- Kept by a replay: every notification ever queued, so that a replay queues none twice.
CREATE TABLE alert_notice (
    dedup_key  text        NOT NULL,
    state      text        NOT NULL,
    occurrence integer     NOT NULL,
    queued_at  timestamptz NOT NULL,
    PRIMARY KEY (dedup_key, state, occurrence)
);

-- The outbox: one row per notification to one sink, written in the transaction that changed the alert, drained by
-- the sender. Items are the alert changes grouped into it.
CREATE TABLE alert_delivery (
    id              bigserial PRIMARY KEY,
    sink            text        NOT NULL,
    sink_type       text        NOT NULL,
    migration_id    text        NOT NULL,
    state           text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz
);

CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX alert_delivery_open_group ON alert_delivery (sink, migration_id) WHERE state = 'pending' AND attempts = 0;

CREATE TABLE alert_delivery_item (
    delivery_id bigint  NOT NULL REFERENCES alert_delivery (id),
    alert_id    uuid    NOT NULL,
    state       text    NOT NULL,
    occurrence  integer NOT NULL,
    snapshot    text    NOT NULL,
    PRIMARY KEY (delivery_id, alert_id, state, occurrence)
);

CREATE INDEX alert_delivery_item_by_alert ON alert_delivery_item (alert_id);

CREATE TABLE alert_attempt (
    delivery_id bigint      NOT NULL REFERENCES alert_delivery (id),
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    status_code integer,
    error       text,
    duration_ms bigint      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
