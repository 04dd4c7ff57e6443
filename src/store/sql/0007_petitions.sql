-- 0007: the petition log (民意直通车). Residents' council meetings with their attendees, and
-- the matters raised there or through another channel, each with an owner, a deadline in
-- working days and a reply. A matter is one row whose every change is logged whole in the
-- change log, which is where its timeline is read from; `last_step` and `last_note` say what
-- each logged change was and why, so the log alone tells the story.
--
-- Nothing about a matter is lost: matters and meetings are never deleted, and a closed
-- matter's reply can not be changed (an unsatisfied call-back reopens it; the next reply is
-- a new change, the old one stays in the log). The streets of meetings and matters are kept
-- on the rows (`street_id`) so a clerk of one street is narrowed to it in SQL.
--
-- The working-day calendar gets 2027's statutory holidays by the holiday law, marked "to
-- check": the State Council's notice with its make-up working days had not been entered.

CREATE TABLE petition_categories (
    id             INTEGER PRIMARY KEY,
    -- The Open311 service_code.
    code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name_zh        TEXT NOT NULL CHECK (length(trim(name_zh)) > 0),
    name_en        TEXT NOT NULL CHECK (length(trim(name_en)) > 0),
    owner_unit     TEXT NOT NULL CHECK (length(trim(owner_unit)) > 0),
    deadline_days  INTEGER NOT NULL DEFAULT 7 CHECK (deadline_days BETWEEN 1 AND 120),
    complex_days   INTEGER NOT NULL DEFAULT 15 CHECK (complex_days BETWEEN 1 AND 120),
    sort_order     INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Default owners and deadlines as offices commonly practise them: settings, to be changed.
INSERT INTO petition_categories (code, name_zh, name_en, owner_unit, deadline_days, complex_days, sort_order) VALUES
    ('municipal',   '市政设施', 'Municipal facilities',  '街道城市管理办公室', 7, 15, 1),
    ('fire',        '消防安全', 'Fire safety',           '物业服务中心',       7, 15, 2),
    ('housing',     '房屋维修', 'Housing repairs',       '物业服务中心',       7, 15, 3),
    ('pipes',       '管道疏通', 'Blocked pipes',         '物业服务中心',       7, 15, 4),
    ('noise',       '噪音扰民', 'Noise',                 '社区居民委员会',     7, 15, 5),
    ('sanitation',  '环境卫生', 'Sanitation',            '街道环卫所',         7, 15, 6),
    ('property',    '物业管理', 'Property management',   '社区居民委员会',     7, 15, 7),
    ('other',       '其他',     'Other',                 '社区居民委员会',     7, 15, 8);

CREATE TABLE council_meetings (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES regions (id),
    street_id   INTEGER REFERENCES regions (id),
    held_on     TEXT NOT NULL CHECK (length(held_on) = 10),
    place       TEXT NOT NULL CHECK (length(trim(place)) > 0),
    chair       TEXT NOT NULL CHECK (length(trim(chair)) > 0),
    minutes     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX council_meetings_held ON council_meetings (held_on);
CREATE INDEX council_meetings_street ON council_meetings (street_id, held_on);

CREATE TABLE council_attendees (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES council_meetings (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('party_secretary', 'committee_director',
                    'owners_director', 'property_manager', 'resident', 'other')),
    note        TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_attendees_meeting ON council_attendees (meeting_id, sort_order);

CREATE TABLE petitions (
    id                     INTEGER PRIMARY KEY,
    meeting_id             INTEGER REFERENCES council_meetings (id),
    channel                TEXT NOT NULL CHECK (channel IN ('council', 'visit', 'phone',
                               'hotline', 'grid', 'other')),
    category_id            INTEGER NOT NULL REFERENCES petition_categories (id),
    text                   TEXT NOT NULL CHECK (length(trim(text)) > 0),
    region_id              INTEGER NOT NULL REFERENCES regions (id),
    street_id              INTEGER REFERENCES regions (id),
    place_detail           TEXT NOT NULL DEFAULT '',
    lon                    REAL,
    lat                    REAL,
    reporter_person_id     INTEGER REFERENCES people (id),
    reporter_name          TEXT NOT NULL DEFAULT '',
    reporter_phone         TEXT NOT NULL DEFAULT '',
    anonymous              INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    owner_unit             TEXT NOT NULL CHECK (length(trim(owner_unit)) > 0),
    owner_person           TEXT NOT NULL DEFAULT '',
    complex                INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1)),
    received_on            TEXT NOT NULL CHECK (length(received_on) = 10),
    -- None while the calendar lacks the year the count runs into: said on screen.
    deadline               TEXT CHECK (deadline IS NULL OR length(deadline) = 10),
    status                 TEXT NOT NULL CHECK (status IN ('received', 'returned', 'signed_for',
                               'in_progress', 'replied', 'closed', 'duplicate')),
    supervised             INTEGER NOT NULL DEFAULT 0 CHECK (supervised IN (0, 1)),
    duplicate_of           INTEGER REFERENCES petitions (id),
    -- An extension asked and not yet decided: its working days (the reason is last_note).
    extension_days         INTEGER CHECK (extension_days IS NULL OR extension_days BETWEEN 1 AND 60),
    extensions_granted     INTEGER NOT NULL DEFAULT 0,
    reply                  TEXT NOT NULL DEFAULT '',
    outcome                TEXT CHECK (outcome IS NULL OR outcome IN ('fixed', 'not_fixed', 'not_ours')),
    responsible_elsewhere  TEXT NOT NULL DEFAULT '',
    replied_on             TEXT,
    closed_on              TEXT,
    satisfaction           TEXT CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
    reopen_count           INTEGER NOT NULL DEFAULT 0,
    -- Going back and forth is measured, not hidden: how often it was returned, when last,
    -- and the calendar days it spent returned in all.
    return_count           INTEGER NOT NULL DEFAULT 0,
    returned_on            TEXT,
    returned_days          INTEGER NOT NULL DEFAULT 0,
    last_step              TEXT NOT NULL,
    last_note              TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (status <> 'closed' OR (length(trim(reply)) > 0 AND outcome IS NOT NULL AND closed_on IS NOT NULL)),
    CHECK (outcome IS NOT 'not_ours' OR length(trim(responsible_elsewhere)) > 0),
    CHECK (status <> 'duplicate' OR duplicate_of IS NOT NULL),
    CHECK (duplicate_of IS NOT id)
);
CREATE INDEX petitions_received ON petitions (received_on);
CREATE INDEX petitions_street ON petitions (street_id, received_on);
CREATE INDEX petitions_open_deadline ON petitions (status, deadline);
CREATE INDEX petitions_meeting ON petitions (meeting_id);
CREATE INDEX petitions_category ON petitions (category_id);

CREATE TRIGGER petitions_never_deleted BEFORE DELETE ON petitions BEGIN
    SELECT RAISE(ABORT, 'petitions are never deleted');
END;
CREATE TRIGGER council_meetings_never_deleted BEFORE DELETE ON council_meetings BEGIN
    SELECT RAISE(ABORT, 'petitions are never deleted');
END;
-- A closed matter's reply, outcome and closing day are history while it stays closed.
CREATE TRIGGER petitions_closed_reply_kept BEFORE UPDATE OF reply, outcome, responsible_elsewhere, closed_on, replied_on ON petitions
WHEN OLD.status = 'closed' AND NEW.status = 'closed'
     AND (NEW.reply IS NOT OLD.reply OR NEW.outcome IS NOT OLD.outcome
          OR NEW.responsible_elsewhere IS NOT OLD.responsible_elsewhere
          OR NEW.closed_on IS NOT OLD.closed_on OR NEW.replied_on IS NOT OLD.replied_on) BEGIN
    SELECT RAISE(ABORT, 'a closed matter''s reply is history');
END;

-- 2027's statutory holidays by the holiday law as revised in 2024 (元旦 1 day, 春节 4 from the
-- eve, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3). The runs around them and the make-up working
-- days are announced each November by the State Council: enter them from the notice.
-- A file that already holds any day of 2027 was entered by its office and is left as it is.
INSERT INTO calendar_days (day, kind, name, verified)
SELECT column1, column2, column3, column4 FROM (VALUES
    ('2027-01-01', 'holiday', '元旦', 0),
    ('2027-02-05', 'holiday', '春节（除夕）', 0),
    ('2027-02-06', 'holiday', '春节', 0),
    ('2027-02-07', 'holiday', '春节', 0),
    ('2027-02-08', 'holiday', '春节', 0),
    ('2027-04-05', 'holiday', '清明节', 0),
    ('2027-05-01', 'holiday', '劳动节', 0),
    ('2027-05-02', 'holiday', '劳动节', 0),
    ('2027-06-09', 'holiday', '端午节', 0),
    ('2027-09-15', 'holiday', '中秋节', 0),
    ('2027-10-01', 'holiday', '国庆节', 0),
    ('2027-10-02', 'holiday', '国庆节', 0),
    ('2027-10-03', 'holiday', '国庆节', 0))
WHERE NOT EXISTS (SELECT 1 FROM calendar_days WHERE day LIKE '2027-%');
