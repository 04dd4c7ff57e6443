-- 0006 (accounts): who may sign in, and what each account was granted.
--
-- * A password is kept only as an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash),
--   never in the change log: an account's logged row leaves the hash (and the sign-in's
--   own failure counters) out, and a new password shows there as `password_changed_at` and
--   `password_changed_by` (the account itself, or the administrator who reset it).
-- * After three wrong passwords in a row an account waits before the next try; the count
--   and the time of the last failure are kept here, so a restart does not clear them.
-- * A grant is a role in one area, for the whole district (street_id NULL) or one street.
-- * Whether this ledger asks for a sign-in is the setting `sign_in` ('required' or 'none';
--   absent until someone chooses on the first run), and how many idle minutes lock the
--   window is `sign_in.idle_lock_minutes` (10 when absent). Both live in `settings`.

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE COLLATE NOCASE
                             CHECK (trim(name) = name AND name <> '' AND length(name) <= 40),
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at           TEXT NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_count         INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    last_failed_at       TEXT,
    password_changed_at  TEXT NOT NULL,
    password_changed_by  TEXT NOT NULL
);

CREATE TABLE account_grants (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    role        TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'approver', 'viewer')),
    area        TEXT NOT NULL
                    CHECK (area IN ('registry', 'placements', 'care', 'service_points', 'petitions')),
    street_id   INTEGER REFERENCES regions (id),
    UNIQUE (account_id, role, area, street_id)
);
-- UNIQUE lets two NULL streets through: one district-wide grant of a role in an area.
CREATE UNIQUE INDEX account_grants_district ON account_grants (account_id, role, area)
    WHERE street_id IS NULL;
CREATE INDEX account_grants_street ON account_grants (street_id);
