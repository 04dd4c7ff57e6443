-- 0005: paying through the bank (each person's account, for the 代发工资 file), the public
-- notice before placement (the candidates chosen but not yet placed) and the working-day
-- calendar its 5-day period is counted on.

-- One account per person, as a county bank pays one card per payee. The number is the full
-- one (the bank file needs it); screens mask it.
CREATE TABLE bank_accounts (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL UNIQUE REFERENCES people (id),
    bank         TEXT NOT NULL CHECK (bank <> ''),
    account_no   TEXT NOT NULL CHECK (length(account_no) BETWEEN 12 AND 30
                     AND account_no NOT GLOB '*[^0-9]*'),
    holder_name  TEXT NOT NULL CHECK (holder_name <> ''),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- People chosen for placement and not yet placed (拟安置人员), for the notice posted before.
CREATE TABLE notice_candidates (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL UNIQUE REFERENCES people (id),
    post_id     INTEGER REFERENCES posts (id),
    chosen_on   TEXT NOT NULL CHECK (length(chosen_on) = 10),
    created_at  TEXT NOT NULL
);

-- The days that differ from the week's rhythm: statutory holidays, and the weekend days
-- worked in exchange (调休). A year counts only once it has rows. Shipped as published, but
-- marked verified = 0 ("to check") until the office confirms them.
CREATE TABLE calendar_days (
    id        INTEGER PRIMARY KEY,
    day       TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
    kind      TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name      TEXT NOT NULL,
    verified  INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);

-- 2026, from the State Council's notice on the holidays of 2026 (国办发明电, November 2025).
INSERT INTO calendar_days (day, kind, name, verified) VALUES
    ('2026-01-01', 'holiday', '元旦', 0),
    ('2026-01-02', 'holiday', '元旦', 0),
    ('2026-01-03', 'holiday', '元旦', 0),
    ('2026-01-04', 'workday', '元旦调休', 0),
    ('2026-02-14', 'workday', '春节调休', 0),
    ('2026-02-15', 'holiday', '春节', 0),
    ('2026-02-16', 'holiday', '春节', 0),
    ('2026-02-17', 'holiday', '春节', 0),
    ('2026-02-18', 'holiday', '春节', 0),
    ('2026-02-19', 'holiday', '春节', 0),
    ('2026-02-20', 'holiday', '春节', 0),
    ('2026-02-21', 'holiday', '春节', 0),
    ('2026-02-22', 'holiday', '春节', 0),
    ('2026-02-23', 'holiday', '春节', 0),
    ('2026-02-28', 'workday', '春节调休', 0),
    ('2026-04-04', 'holiday', '清明节', 0),
    ('2026-04-05', 'holiday', '清明节', 0),
    ('2026-04-06', 'holiday', '清明节', 0),
    ('2026-05-01', 'holiday', '劳动节', 0),
    ('2026-05-02', 'holiday', '劳动节', 0),
    ('2026-05-03', 'holiday', '劳动节', 0),
    ('2026-05-04', 'holiday', '劳动节', 0),
    ('2026-05-05', 'holiday', '劳动节', 0),
    ('2026-05-09', 'workday', '劳动节调休', 0),
    ('2026-06-19', 'holiday', '端午节', 0),
    ('2026-06-20', 'holiday', '端午节', 0),
    ('2026-06-21', 'holiday', '端午节', 0),
    ('2026-09-20', 'workday', '国庆节调休', 0),
    ('2026-09-25', 'holiday', '中秋节', 0),
    ('2026-09-26', 'holiday', '中秋节', 0),
    ('2026-09-27', 'holiday', '中秋节', 0),
    ('2026-10-01', 'holiday', '国庆节', 0),
    ('2026-10-02', 'holiday', '国庆节', 0),
    ('2026-10-03', 'holiday', '国庆节', 0),
    ('2026-10-04', 'holiday', '国庆节', 0),
    ('2026-10-05', 'holiday', '国庆节', 0),
    ('2026-10-06', 'holiday', '国庆节', 0),
    ('2026-10-07', 'holiday', '国庆节', 0),
    ('2026-10-10', 'workday', '国庆节调休', 0);
