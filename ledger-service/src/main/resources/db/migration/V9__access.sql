-- Who may call the ledger (docs/security.md). A token's secret is never stored, only its SHA-256: the secret is
-- 256 random bits, so a hash without salt or stretching cannot be reversed or guessed. Rows are never deleted: a
-- revoked token keeps its name, so that the principal recorded on old events always names one token.
CREATE TABLE api_token (
    name         TEXT        PRIMARY KEY,
    secret_hash  BYTEA       NOT NULL UNIQUE,
    roles        TEXT[]      NOT NULL,
    databases    TEXT[]      NOT NULL,
    environments TEXT[]      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT        NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   TEXT
);

-- Names are compared without case, so that "Bob" cannot be created beside "bob".
CREATE UNIQUE INDEX api_token_name_folded ON api_token (lower(name));

-- Every read made with an auditor's token: who queried what, when, and the status they got.
CREATE TABLE read_audit (
    id     BIGSERIAL   PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL,
    token  TEXT        NOT NULL,
    method TEXT        NOT NULL,
    path   TEXT        NOT NULL,
    query  TEXT,
    status INTEGER     NOT NULL
);

CREATE INDEX read_audit_token ON read_audit (token, id);
CREATE INDEX read_audit_at ON read_audit (at);
