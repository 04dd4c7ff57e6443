-- 0004: People search as a clerk expects it. Names sort by pinyin, so each person gets a
-- sort key that only Rust can compute (the pinyin dictionary); the Rust step after this
-- file fills it in for the people already registered, and the write paths of
-- store/people.rs keep it for new ones. Searches of one or two characters, which the
-- trigram index can not serve, read a table of the characters of each name (and the
-- character pairs of each address) that also holds what they sort by.

-- Pinyin syllables, then the name: see domain::name_sort::sort_key.
ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

-- The list sorted by name reads this index alone (it holds the id), never the rows.
CREATE INDEX people_name_key ON people (name_key) WHERE deleted_at IS NULL;

-- Nothing sorted or searched by code point any more; one index less to write per person.
DROP INDEX people_name;

-- One row per person and gram: each character of the name, and each pair of letters (no
-- digits, marks or spaces) of the address. match_rank says where the gram was found:
-- 0 it is the whole name, 1 the name starts with it, 2 anywhere else (the address
-- included); the row keeps the best. Keyed by person after the gram, so that registering
-- people (ids ever growing) appends at the end of a few hundred character runs instead
-- of splitting pages all over the table; a search reads one run, rank and sort key
-- included, and never the people table.
CREATE TABLE person_grams (
    gram        TEXT NOT NULL,
    trashed     INTEGER NOT NULL CHECK (trashed IN (0, 1)),
    person_id   INTEGER NOT NULL,
    match_rank  INTEGER NOT NULL CHECK (match_rank IN (0, 1, 2)),
    name_key    TEXT NOT NULL,
    PRIMARY KEY (gram, trashed, person_id)
) WITHOUT ROWID;
