-- 0002: urban and rural public-welfare posts (城乡公益性岗位): the posts, the training that
-- must come before a placement, placements and exits, monthly attendance, the subsidy
-- sheets (locked once approved), corrections as adjustments, and the dated minimum wages.

CREATE TABLE posts (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL CHECK (title <> ''),
    category             TEXT NOT NULL CHECK (category IN ('public_management', 'public_service',
                             'social_undertaking', 'facility_maintenance', 'social_governance')),
    area                 TEXT NOT NULL CHECK (area IN ('urban', 'rural')),
    host_unit            TEXT NOT NULL CHECK (host_unit <> ''),
    region_id            INTEGER NOT NULL REFERENCES regions (id),
    headcount            INTEGER NOT NULL CHECK (headcount > 0),
    monthly_hours_tenths INTEGER CHECK (monthly_hours_tenths IS NULL OR monthly_hours_tenths > 0),
    funded_from          TEXT NOT NULL,
    funded_to            TEXT NOT NULL CHECK (funded_to >= funded_from),
    status               TEXT NOT NULL CHECK (status IN ('open', 'suspended', 'closed')),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX posts_region ON posts (region_id);

CREATE TABLE trainings (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    course      TEXT NOT NULL CHECK (course <> ''),
    trained_on  TEXT NOT NULL,
    hours       INTEGER NOT NULL CHECK (hours > 0),
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE INDEX trainings_person ON trainings (person_id);

CREATE TABLE placements (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people (id),
    post_id            INTEGER NOT NULL REFERENCES posts (id),
    training_id        INTEGER NOT NULL REFERENCES trainings (id),
    start_date         TEXT NOT NULL,
    agreement_end      TEXT NOT NULL CHECK (agreement_end >= start_date),
    accident_insurance INTEGER NOT NULL DEFAULT 0 CHECK (accident_insurance IN (0, 1)),
    exit_date          TEXT CHECK (exit_date IS NULL OR exit_date >= start_date),
    exit_reason        TEXT CHECK (exit_reason IS NULL OR exit_reason IN ('other_work',
                           'retired_or_died', 'unfit', 'misconduct', 'breach', 'agreement_ended', 'other')),
    exit_note          TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((exit_date IS NULL) = (exit_reason IS NULL))
);
CREATE INDEX placements_person ON placements (person_id);
CREATE INDEX placements_post ON placements (post_id);
-- One active placement per person, whatever the program does.
CREATE UNIQUE INDEX placements_one_active ON placements (person_id) WHERE exit_date IS NULL;

CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY,
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    month         TEXT NOT NULL CHECK (length(month) = 7),
    days_worked   INTEGER CHECK (days_worked IS NULL OR days_worked BETWEEN 0 AND 31),
    hours_tenths  INTEGER CHECK (hours_tenths IS NULL OR hours_tenths >= 0),
    UNIQUE (placement_id, month)
);
CREATE INDEX attendance_month ON attendance (month);

CREATE TABLE subsidy_months (
    month        TEXT PRIMARY KEY CHECK (length(month) = 7),
    status       TEXT NOT NULL CHECK (status IN ('open', 'computed', 'approved')),
    computed_at  TEXT,
    approved_at  TEXT,
    approved_by  TEXT
);

CREATE TABLE subsidy_lines (
    id                    INTEGER PRIMARY KEY,
    month                 TEXT NOT NULL REFERENCES subsidy_months (month),
    placement_id          INTEGER NOT NULL REFERENCES placements (id),
    area                  TEXT NOT NULL CHECK (area IN ('urban', 'rural')),
    days_in_post          INTEGER NOT NULL,
    hours_tenths          INTEGER,
    wage_fen              INTEGER NOT NULL,
    social_insurance_fen  INTEGER NOT NULL,
    adjustment_fen        INTEGER NOT NULL DEFAULT 0,
    total_fen             INTEGER NOT NULL,
    UNIQUE (month, placement_id)
);
CREATE INDEX subsidy_lines_placement ON subsidy_lines (placement_id);

CREATE TABLE subsidy_adjustments (
    id              INTEGER PRIMARY KEY,
    month           TEXT NOT NULL CHECK (length(month) = 7),
    placement_id    INTEGER NOT NULL REFERENCES placements (id),
    corrects_month  TEXT NOT NULL CHECK (corrects_month < month),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen <> 0),
    reason          TEXT NOT NULL CHECK (reason <> ''),
    created_at      TEXT NOT NULL
);
CREATE INDEX subsidy_adjustments_month ON subsidy_adjustments (month);

-- A paid month is never edited: the database itself refuses it.
CREATE TRIGGER subsidy_lines_locked_insert BEFORE INSERT ON subsidy_lines
WHEN (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_lines_locked_update BEFORE UPDATE ON subsidy_lines
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_lines_locked_delete BEFORE DELETE ON subsidy_lines
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER attendance_locked_insert BEFORE INSERT ON attendance
WHEN (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER attendance_locked_update BEFORE UPDATE ON attendance
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER adjustments_locked BEFORE INSERT ON subsidy_adjustments
WHEN (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_months_stay_approved BEFORE UPDATE ON subsidy_months
WHEN old.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

CREATE TABLE minimum_wages (
    id              INTEGER PRIMARY KEY,
    effective_from  TEXT NOT NULL,
    tier            INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),
    monthly_fen     INTEGER NOT NULL CHECK (monthly_fen > 0),
    hourly_fen      INTEGER NOT NULL CHECK (hourly_fen > 0),
    verified        INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    source          TEXT NOT NULL DEFAULT '',
    UNIQUE (effective_from, tier)
);
-- Shandong's figures as published in secondary sources: to be checked by the user
-- against the provincial notice (verified = 0 until then).
INSERT INTO minimum_wages (effective_from, tier, monthly_fen, hourly_fen, source) VALUES
    ('2018-06-01', 1, 191000, 1910, 'secondary sources'),
    ('2018-06-01', 2, 173000, 1730, 'secondary sources'),
    ('2018-06-01', 3, 155000, 1550, 'secondary sources'),
    ('2021-10-01', 1, 210000, 2100, 'unverified: check the provincial notice'),
    ('2021-10-01', 2, 190000, 1900, 'unverified: check the provincial notice'),
    ('2021-10-01', 3, 170000, 1700, 'unverified: check the provincial notice');
