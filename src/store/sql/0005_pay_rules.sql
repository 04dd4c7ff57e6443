-- 0005 (pay rules): pay that follows attendance and the rules in force.
-- * attendance.leave_days: approved leave, counted as worked when the settings say so.
-- * posts: a rural post's monthly floor and ceiling of hours (pay stops at the ceiling), and
--   the day a post was closed (no pay after it).
-- * insurance_rates: the dated contribution base and rates; the social-insurance subsidy is
--   the employer's share, the person's share is deducted from their wage.
-- * retirement_rules: the statutory retirement ages with the 2025 gradual reform.
-- * accident_policies: a rural placement's accident insurance as a record, not a flag.
-- * subsidy_lines: what goes to the person and what to the unit or fund, apart.
-- Every shipped figure is marked verified = 0 ("to check").

ALTER TABLE attendance ADD COLUMN leave_days INTEGER
    CHECK (leave_days IS NULL OR leave_days BETWEEN 0 AND 31);

ALTER TABLE posts ADD COLUMN min_hours_tenths INTEGER
    CHECK (min_hours_tenths IS NULL OR min_hours_tenths >= 0);
ALTER TABLE posts ADD COLUMN max_hours_tenths INTEGER
    CHECK (max_hours_tenths IS NULL OR max_hours_tenths > 0);
ALTER TABLE posts ADD COLUMN closed_on TEXT;
-- A post closed before this version: its funding end is the best known closing day.
UPDATE posts SET closed_on = funded_to WHERE status = 'closed';

CREATE TABLE insurance_rates (
    id                        INTEGER PRIMARY KEY,
    effective_from            TEXT NOT NULL UNIQUE,
    base_fen                  INTEGER NOT NULL CHECK (base_fen >= 0),
    pension_employer_bp       INTEGER NOT NULL CHECK (pension_employer_bp BETWEEN 0 AND 10000),
    medical_employer_bp       INTEGER NOT NULL CHECK (medical_employer_bp BETWEEN 0 AND 10000),
    unemployment_employer_bp  INTEGER NOT NULL CHECK (unemployment_employer_bp BETWEEN 0 AND 10000),
    injury_employer_bp        INTEGER NOT NULL CHECK (injury_employer_bp BETWEEN 0 AND 10000),
    pension_person_bp         INTEGER NOT NULL CHECK (pension_person_bp BETWEEN 0 AND 10000),
    medical_person_bp         INTEGER NOT NULL CHECK (medical_person_bp BETWEEN 0 AND 10000),
    unemployment_person_bp    INTEGER NOT NULL CHECK (unemployment_person_bp BETWEEN 0 AND 10000),
    verified                  INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    source                    TEXT NOT NULL DEFAULT ''
);
-- Shandong-like figures: base 60 % of the provincial average wage, employer pension 16 %,
-- medical 8 %, unemployment 0.7 %, work injury 0.4 %; person 8 %, 2 %, 0.3 %. To check.
INSERT INTO insurance_rates (effective_from, base_fen, pension_employer_bp, medical_employer_bp,
    unemployment_employer_bp, injury_employer_bp, pension_person_bp, medical_person_bp,
    unemployment_person_bp, source)
VALUES ('2018-06-01', 441600, 1600, 800, 70, 40, 800, 200, 30, 'unverified: check the base and rates');
-- The single monthly subsidy of older files was the employer's share as one amount. A file
-- that set it keeps it, exactly, in place of the shipped row (a base of that amount at
-- 100 % pension and nothing else, nothing deducted), so its open months compute as before
-- until the office enters its base and rates; the shipped figures would otherwise replace
-- the office's own without anyone saying so.
INSERT INTO insurance_rates (effective_from, base_fen, pension_employer_bp, medical_employer_bp,
    unemployment_employer_bp, injury_employer_bp, pension_person_bp, medical_person_bp,
    unemployment_person_bp, source)
SELECT '2018-06-01', CAST(value AS INTEGER), 10000, 0, 0, 0, 0, 0, 0, 'former fixed subsidy'
FROM settings WHERE key = 'pay.social_insurance_fen' AND CAST(value AS INTEGER) > 0
ON CONFLICT (effective_from) DO UPDATE SET base_fen = excluded.base_fen,
    pension_employer_bp = 10000, medical_employer_bp = 0, unemployment_employer_bp = 0,
    injury_employer_bp = 0, pension_person_bp = 0, medical_person_bp = 0,
    unemployment_person_bp = 0, source = excluded.source;
DELETE FROM settings WHERE key = 'pay.social_insurance_fen';

CREATE TABLE retirement_rules (
    id                  INTEGER PRIMARY KEY,
    grp                 TEXT NOT NULL CHECK (grp IN ('male', 'female_cadre', 'female_worker')),
    effective_from      TEXT NOT NULL,
    original_age_years  INTEGER NOT NULL CHECK (original_age_years BETWEEN 40 AND 75),
    months_per_step     INTEGER NOT NULL CHECK (months_per_step >= 0),
    max_delay_months    INTEGER NOT NULL CHECK (max_delay_months BETWEEN 0 AND 120),
    verified            INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    source              TEXT NOT NULL DEFAULT '',
    UNIQUE (grp, effective_from)
);
INSERT INTO retirement_rules (grp, effective_from, original_age_years, months_per_step,
    max_delay_months, source) VALUES
    ('male', '2025-01-01', 60, 4, 36, 'unverified: 2024 NPCSC decision, annex'),
    ('female_cadre', '2025-01-01', 55, 4, 36, 'unverified: 2024 NPCSC decision, annex'),
    ('female_worker', '2025-01-01', 50, 2, 60, 'unverified: 2024 NPCSC decision, annex');

CREATE TABLE accident_policies (
    id            INTEGER PRIMARY KEY,
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    insurer       TEXT NOT NULL,
    policy_no     TEXT NOT NULL,
    premium_fen   INTEGER NOT NULL CHECK (premium_fen >= 0),
    covers_from   TEXT NOT NULL,
    covers_to     TEXT NOT NULL CHECK (covers_to >= covers_from),
    created_at    TEXT NOT NULL
);
CREATE INDEX accident_policies_placement ON accident_policies (placement_id);
-- The old flag said a policy was bought, not which or for when: it stays readable in
-- placements.accident_insurance, and no policy row is invented from it.

ALTER TABLE subsidy_lines ADD COLUMN person_insurance_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subsidy_lines ADD COLUMN hours_entered_tenths INTEGER;
ALTER TABLE subsidy_lines ADD COLUMN days_paid INTEGER;
-- NULL on lines computed before this version, when the subsidy went with the person's line.
ALTER TABLE subsidy_lines ADD COLUMN to_person_fen INTEGER;
