-- 0003: a revision per table, so that a view reads again only when a table it shows changed
-- (also when another window or the command line wrote it), and a change log that can only
-- grow: no row of it can be changed, deleted or replaced, and none inserted before the end.

CREATE TABLE revisions (
    table_name  TEXT PRIMARY KEY,
    rev         INTEGER NOT NULL
) WITHOUT ROWID;

-- Each entry says which schema its rows are written in, so that a replay (or another site)
-- reads an old entry by the record types of its own version. Entries from before this
-- migration have none: their rows were partial, hand-built JSON.
ALTER TABLE changes ADD COLUMN schema INTEGER;

CREATE TRIGGER changes_never_updated BEFORE UPDATE ON changes BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_never_deleted BEFORE DELETE ON changes BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
-- INSERT OR REPLACE deletes the row it replaces without firing delete triggers: refuse any
-- insert that names a sequence number already taken, before the replace happens.
CREATE TRIGGER changes_never_replaced BEFORE INSERT ON changes
WHEN EXISTS (SELECT 1 FROM changes WHERE seq = NEW.seq) BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_only_at_the_end AFTER INSERT ON changes
WHEN NEW.seq <= 0 OR NEW.seq < (SELECT max(seq) FROM changes) BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
