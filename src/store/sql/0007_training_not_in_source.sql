-- A roster imported from an office's sheet carries no training records (issue 12). Such a
-- placement rests on a training marked 'not_in_source': no date, hours or result, never an
-- invented one, until the clerk records the real course. The table is rebuilt because
-- those three columns were NOT NULL; nothing but placements' foreign key refers to it.
CREATE TABLE trainings_new (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    course      TEXT NOT NULL CHECK (course <> ''),
    trained_on  TEXT,
    hours       INTEGER CHECK (hours IS NULL OR hours > 0),
    passed      INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),
    created_at  TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT 'recorded' CHECK (source IN ('recorded', 'not_in_source')),
    CHECK ((source = 'recorded') = (trained_on IS NOT NULL AND hours IS NOT NULL
                                    AND passed IS NOT NULL))
);
INSERT INTO trainings_new (id, person_id, course, trained_on, hours, passed, created_at)
    SELECT id, person_id, course, trained_on, hours, passed, created_at FROM trainings;
DROP TABLE trainings;
ALTER TABLE trainings_new RENAME TO trainings;
CREATE INDEX trainings_person ON trainings (person_id);
