-- 0005 (lock): an approved month can not be changed by any path the database offers, and
-- what it was computed from stays as it was.
--
-- * Each approved month keeps a seal: what the approval used (the tier, the absence rule,
--   the last minimum-wage row recorded) and a fingerprint of its lines (their count,
--   total and a SHA-256 over a canonical text of them). The program fills the seal in the
--   same UPDATE that approves; the export refuses a sheet whose lines no longer match it.
-- * REPLACE deletes the row it replaces without firing delete triggers (recursive_triggers
--   is off in any shell an attacker would use), so every locked table refuses an INSERT or
--   UPDATE whose new row would push out, by any unique key, a row of an approved month.
-- * Minimum-wage rows become history: a row an approved month relied on is never changed or
--   removed; a correction is a new row stamped `recorded_at`, and a month reproduces from the
--   rows with ids up to its `wages_as_of`.
-- * A placement's start and post, and a post's area and monthly hours, are refused a change
--   while approved lines rest on them. An exit stays allowed (a recovery follows from it).

ALTER TABLE subsidy_months ADD COLUMN tier INTEGER;
ALTER TABLE subsidy_months ADD COLUMN absence_rule TEXT;
ALTER TABLE subsidy_months ADD COLUMN wages_as_of INTEGER;
ALTER TABLE subsidy_months ADD COLUMN line_count INTEGER;
ALTER TABLE subsidy_months ADD COLUMN total_fen INTEGER;
ALTER TABLE subsidy_months ADD COLUMN fingerprint TEXT;

-- The wage table without its (effective_from, tier) key: a correction of a rate an approved
-- month used is a second row with the same key, recorded later (the newest one wins).
CREATE TABLE minimum_wages_history (
    id              INTEGER PRIMARY KEY,
    effective_from  TEXT NOT NULL,
    tier            INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),
    monthly_fen     INTEGER NOT NULL CHECK (monthly_fen > 0),
    hourly_fen      INTEGER NOT NULL CHECK (hourly_fen > 0),
    verified        INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    source          TEXT NOT NULL DEFAULT '',
    -- When the row was entered; NULL for rows shipped or entered before schema 5.
    recorded_at     TEXT
);
INSERT INTO minimum_wages_history (id, effective_from, tier, monthly_fen, hourly_fen, verified, source)
    SELECT id, effective_from, tier, monthly_fen, hourly_fen, verified, source FROM minimum_wages;
DROP TABLE minimum_wages;
ALTER TABLE minimum_wages_history RENAME TO minimum_wages;
CREATE INDEX minimum_wages_key ON minimum_wages (effective_from, tier, id);

-- subsidy_months ---------------------------------------------------------------------------
-- An approved month stays approved and sealed. A month approved before this schema has no
-- seal yet: the upgrade fills it in (and nothing else) right after this script.
DROP TRIGGER subsidy_months_stay_approved;
CREATE TRIGGER subsidy_months_stay_approved BEFORE UPDATE ON subsidy_months
WHEN old.status = 'approved' AND old.fingerprint IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_months_seal_only BEFORE UPDATE ON subsidy_months
WHEN old.status = 'approved' AND old.fingerprint IS NULL
    AND (new.status IS NOT 'approved' OR new.month IS NOT old.month
        OR new.rowid IS NOT old.rowid OR new.approved_at IS NOT old.approved_at
        OR new.approved_by IS NOT old.approved_by OR new.computed_at IS NOT old.computed_at)
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_months_never_deleted BEFORE DELETE ON subsidy_months
WHEN old.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
-- No month becomes approved without its seal.
CREATE TRIGGER subsidy_months_sealed_insert BEFORE INSERT ON subsidy_months
WHEN new.status = 'approved' AND new.fingerprint IS NULL
BEGIN SELECT RAISE(ABORT, 'month approved without a seal'); END;
CREATE TRIGGER subsidy_months_sealed_update BEFORE UPDATE ON subsidy_months
WHEN new.status = 'approved' AND new.fingerprint IS NULL AND old.status IS NOT 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved without a seal'); END;
-- REPLACE by month or by rowid.
CREATE TRIGGER subsidy_months_never_replaced BEFORE INSERT ON subsidy_months
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND (m.month = new.month OR m.rowid = new.rowid))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_months_never_replaced_by_update BEFORE UPDATE ON subsidy_months
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved' AND m.rowid <> old.rowid
             AND (m.month = new.month OR m.rowid = new.rowid))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

-- subsidy_lines ----------------------------------------------------------------------------
CREATE TRIGGER subsidy_lines_locked_move BEFORE UPDATE ON subsidy_lines
WHEN (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_lines_never_replaced BEFORE INSERT ON subsidy_lines
WHEN EXISTS (SELECT 1 FROM subsidy_lines l JOIN subsidy_months m ON m.month = l.month
             WHERE m.status = 'approved'
               AND (l.id = new.id OR (l.month = new.month AND l.placement_id = new.placement_id)))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER subsidy_lines_never_replaced_by_update BEFORE UPDATE ON subsidy_lines
WHEN EXISTS (SELECT 1 FROM subsidy_lines l JOIN subsidy_months m ON m.month = l.month
             WHERE m.status = 'approved' AND l.id <> old.id
               AND (l.id = new.id OR (l.month = new.month AND l.placement_id = new.placement_id)))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

-- attendance -------------------------------------------------------------------------------
CREATE TRIGGER attendance_locked_delete BEFORE DELETE ON attendance
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER attendance_locked_move BEFORE UPDATE ON attendance
WHEN (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER attendance_never_replaced BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM attendance a JOIN subsidy_months m ON m.month = a.month
             WHERE m.status = 'approved'
               AND (a.id = new.id OR (a.placement_id = new.placement_id AND a.month = new.month)))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER attendance_never_replaced_by_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM attendance a JOIN subsidy_months m ON m.month = a.month
             WHERE m.status = 'approved' AND a.id <> old.id
               AND (a.id = new.id OR (a.placement_id = new.placement_id AND a.month = new.month)))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

-- subsidy_adjustments: a line carried by an approved month was paid with it --------------
CREATE TRIGGER adjustments_locked_update BEFORE UPDATE ON subsidy_adjustments
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
  OR (SELECT status FROM subsidy_months WHERE month = new.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER adjustments_locked_delete BEFORE DELETE ON subsidy_adjustments
WHEN (SELECT status FROM subsidy_months WHERE month = old.month) = 'approved'
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER adjustments_never_replaced BEFORE INSERT ON subsidy_adjustments
WHEN EXISTS (SELECT 1 FROM subsidy_adjustments a JOIN subsidy_months m ON m.month = a.month
             WHERE m.status = 'approved' AND a.id = new.id)
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER adjustments_never_replaced_by_update BEFORE UPDATE ON subsidy_adjustments
WHEN EXISTS (SELECT 1 FROM subsidy_adjustments a JOIN subsidy_months m ON m.month = a.month
             WHERE m.status = 'approved' AND a.id <> old.id AND a.id = new.id)
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

-- subsidy_carries: what an approved month could not recover, owed by the next month, and
-- what an approved month took in, are part of its seal.
CREATE TRIGGER carries_locked_insert BEFORE INSERT ON subsidy_carries
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND m.month IN (new.from_month, new.month))
  OR EXISTS (SELECT 1 FROM subsidy_carries c JOIN subsidy_months m ON m.status = 'approved'
             AND m.month IN (c.from_month, c.month)
             WHERE c.id = new.id OR (c.from_month = new.from_month AND c.placement_id = new.placement_id))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER carries_locked_update BEFORE UPDATE ON subsidy_carries
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND m.month IN (old.from_month, old.month, new.from_month, new.month))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;
CREATE TRIGGER carries_locked_delete BEFORE DELETE ON subsidy_carries
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND m.month IN (old.from_month, old.month))
BEGIN SELECT RAISE(ABORT, 'month approved'); END;

-- minimum_wages: a row an approved month relied on (recorded by its approval, in force on or
-- before its last day) is history. Its `verified` mark and source may still be set.
CREATE TRIGGER minimum_wages_history_update
BEFORE UPDATE OF id, effective_from, tier, monthly_fen, hourly_fen, recorded_at ON minimum_wages
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND ((old.id <= m.wages_as_of AND old.effective_from <= m.month || '-31')
               OR (new.id <= m.wages_as_of AND new.effective_from <= m.month || '-31')
               OR (new.id IS NOT old.id AND (old.id <= m.wages_as_of OR new.id <= m.wages_as_of))))
BEGIN SELECT RAISE(ABORT, 'wage rate relied on by an approved month'); END;
-- No row an approval had recorded is removed (even one dated after the month): its id would
-- be handed out again, below that approval's mark.
CREATE TRIGGER minimum_wages_history_delete BEFORE DELETE ON minimum_wages
WHEN old.id <= (SELECT max(wages_as_of) FROM subsidy_months WHERE status = 'approved')
BEGIN SELECT RAISE(ABORT, 'wage rate relied on by an approved month'); END;
CREATE TRIGGER minimum_wages_history_replaced BEFORE INSERT ON minimum_wages
WHEN EXISTS (SELECT 1 FROM minimum_wages w JOIN subsidy_months m ON m.status = 'approved'
             WHERE w.id = new.id AND w.id <= m.wages_as_of AND w.effective_from <= m.month || '-31')
BEGIN SELECT RAISE(ABORT, 'wage rate relied on by an approved month'); END;
-- A row slipped in below an approval's mark would count as known at that approval.
CREATE TRIGGER minimum_wages_history_not_backfilled AFTER INSERT ON minimum_wages
WHEN new.id <= (SELECT max(wages_as_of) FROM subsidy_months WHERE status = 'approved')
BEGIN SELECT RAISE(ABORT, 'wage rate relied on by an approved month'); END;

-- insurance_rates and retirement_rules: the social-insurance shares and the retirement
-- dates an approved month was computed with stay as they were. A row in force on or before
-- the last approved month is never changed (its `verified` mark and source may still be
-- set) or removed, and no row is added dated on or before it: a new base or rate starts
-- after the months already paid. A retirement rule shortens or lengthens time in post, so
-- once any month is approved a rule is only added, never changed.
CREATE TRIGGER insurance_rates_history_update
BEFORE UPDATE OF id, effective_from, base_fen, pension_employer_bp, medical_employer_bp,
    unemployment_employer_bp, injury_employer_bp, pension_person_bp, medical_person_bp,
    unemployment_person_bp ON insurance_rates
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND (old.effective_from <= m.month || '-31' OR new.effective_from <= m.month || '-31'))
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER insurance_rates_history_delete BEFORE DELETE ON insurance_rates
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND old.effective_from <= m.month || '-31')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER insurance_rates_history_insert BEFORE INSERT ON insurance_rates
WHEN EXISTS (SELECT 1 FROM subsidy_months m WHERE m.status = 'approved'
             AND new.effective_from <= m.month || '-31')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER retirement_rules_history_update
BEFORE UPDATE OF id, grp, effective_from, original_age_years, months_per_step, max_delay_months
ON retirement_rules
WHEN EXISTS (SELECT 1 FROM subsidy_months WHERE status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER retirement_rules_history_delete BEFORE DELETE ON retirement_rules
WHEN EXISTS (SELECT 1 FROM subsidy_months WHERE status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER retirement_rules_history_replaced BEFORE INSERT ON retirement_rules
WHEN EXISTS (SELECT 1 FROM subsidy_months WHERE status = 'approved')
  AND EXISTS (SELECT 1 FROM retirement_rules r
              WHERE r.id = new.id OR (r.grp = new.grp AND r.effective_from = new.effective_from))
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
-- A post's hour ceiling caps rural pay like its monthly hours.
CREATE TRIGGER posts_ceiling_rests_on_update BEFORE UPDATE OF max_hours_tenths ON posts
WHEN new.max_hours_tenths IS NOT old.max_hours_tenths
    AND EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
                JOIN subsidy_months m ON m.month = l.month
                WHERE p.post_id = old.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;

-- placements and posts: the dates and kinds approved lines rest on --------------------------
-- Lines of approved months of placement P: `EXISTS (SELECT 1 FROM subsidy_lines l JOIN
-- subsidy_months m ...)`. A REPLACE may push out a placement by its id or, through the index
-- of one active placement per person, by its person.
CREATE TRIGGER placements_pay_rests_on_update
BEFORE UPDATE OF id, person_id, start_date, post_id ON placements
WHEN (new.id IS NOT old.id OR new.person_id IS NOT old.person_id
      OR new.start_date IS NOT old.start_date OR new.post_id IS NOT old.post_id)
    AND EXISTS (SELECT 1 FROM subsidy_lines l JOIN subsidy_months m ON m.month = l.month
                WHERE l.placement_id = old.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER placements_pay_rests_on_replaced_by_update BEFORE UPDATE ON placements
WHEN EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
             JOIN subsidy_months m ON m.month = l.month
             WHERE m.status = 'approved' AND p.id <> old.id
               AND (p.id = new.id OR (p.person_id = new.person_id AND p.exit_date IS NULL
                                      AND new.exit_date IS NULL)))
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER placements_pay_rests_on_delete BEFORE DELETE ON placements
WHEN EXISTS (SELECT 1 FROM subsidy_lines l JOIN subsidy_months m ON m.month = l.month
             WHERE l.placement_id = old.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER placements_pay_rests_on_replace BEFORE INSERT ON placements
WHEN EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
             JOIN subsidy_months m ON m.month = l.month
             WHERE m.status = 'approved'
               AND (p.id = new.id OR (p.person_id = new.person_id AND p.exit_date IS NULL
                                      AND new.exit_date IS NULL)))
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER posts_pay_rests_on_update BEFORE UPDATE OF id, area, monthly_hours_tenths ON posts
WHEN (new.id IS NOT old.id OR new.area IS NOT old.area
      OR new.monthly_hours_tenths IS NOT old.monthly_hours_tenths)
    AND EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
                JOIN subsidy_months m ON m.month = l.month
                WHERE p.post_id = old.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER posts_pay_rests_on_replaced_by_update BEFORE UPDATE OF id ON posts
WHEN new.id IS NOT old.id
    AND EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
                JOIN subsidy_months m ON m.month = l.month
                WHERE p.post_id = new.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER posts_pay_rests_on_delete BEFORE DELETE ON posts
WHEN EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
             JOIN subsidy_months m ON m.month = l.month
             WHERE p.post_id = old.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
CREATE TRIGGER posts_pay_rests_on_replace BEFORE INSERT ON posts
WHEN EXISTS (SELECT 1 FROM placements p JOIN subsidy_lines l ON l.placement_id = p.id
             JOIN subsidy_months m ON m.month = l.month
             WHERE p.post_id = new.id AND m.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'approved pay rests on this'); END;
