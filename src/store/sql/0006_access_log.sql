-- 0006: who saw personal data in full, or took it out of the ledger (an ID number or a
-- phone shown on screen, a subsidy sheet with full ID numbers, a bank file), with the reason
-- given; and indexes for the audit view, which filters the change log and these records by
-- user, period and person at a million rows.
--
-- Like the change log, the access records can only grow: no row can be changed, deleted or
-- replaced, and none inserted before the end.

CREATE TABLE access_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    person_id   INTEGER,
    what        TEXT NOT NULL CHECK (what IN ('id_number', 'phone', 'export_full_ids', 'bank_file')),
    reason      TEXT,
    -- A bank file carries every account in full: it is only made for a stated reason.
    CHECK (what <> 'bank_file' OR length(trim(coalesce(reason, ''))) > 0)
);
CREATE INDEX access_log_actor ON access_log (actor, seq);
CREATE INDEX access_log_person ON access_log (person_id, seq);
CREATE INDEX access_log_at ON access_log (at);

CREATE TRIGGER access_log_never_updated BEFORE UPDATE ON access_log BEGIN
    SELECT RAISE(ABORT, 'the access records are append-only');
END;
CREATE TRIGGER access_log_never_deleted BEFORE DELETE ON access_log BEGIN
    SELECT RAISE(ABORT, 'the access records are append-only');
END;
-- INSERT OR REPLACE deletes the row it replaces without firing delete triggers: refuse any
-- insert that names a sequence number already taken, before the replace happens.
CREATE TRIGGER access_log_never_replaced BEFORE INSERT ON access_log
WHEN EXISTS (SELECT 1 FROM access_log WHERE seq = NEW.seq) BEGIN
    SELECT RAISE(ABORT, 'the access records are append-only');
END;
CREATE TRIGGER access_log_only_at_the_end AFTER INSERT ON access_log
WHEN NEW.seq <= 0 OR NEW.seq < (SELECT max(seq) FROM access_log) BEGIN
    SELECT RAISE(ABORT, 'the access records are append-only');
END;

-- The audit view: the change log by user and by period, and every change about one person
-- (their own row, and the rows that name them: placements, bank account, candidacy).
CREATE INDEX changes_actor ON changes (actor, seq);
CREATE INDEX changes_at ON changes (at);
CREATE INDEX changes_person ON changes (json_extract(coalesce(after, before), '$.person_id'))
    WHERE json_valid(coalesce(after, before));
