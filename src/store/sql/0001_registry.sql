-- 0001: the foundation: the region tree, the people registry with its hardship
-- categories, per-file settings and the change log every write appends to.

CREATE TABLE regions (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
    name        TEXT NOT NULL CHECK (name <> ''),
    short_name  TEXT NOT NULL CHECK (short_name <> ''),
    level       TEXT NOT NULL CHECK (level IN ('district', 'street', 'function_area', 'community', 'village')),
    parent_id   INTEGER REFERENCES regions (id),
    lon         REAL CHECK (lon BETWEEN -180 AND 180),
    lat         REAL CHECK (lat BETWEEN -90 AND 90)
);
CREATE INDEX regions_parent ON regions (parent_id);

CREATE TABLE hardship_categories (
    id          INTEGER PRIMARY KEY,
    name_zh     TEXT NOT NULL UNIQUE CHECK (name_zh <> ''),
    name_en     TEXT NOT NULL CHECK (name_en <> ''),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    id_number   TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    birth_date  TEXT NOT NULL,
    sex         TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    region_id   INTEGER NOT NULL REFERENCES regions (id),
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX people_region ON people (region_id);
CREATE INDEX people_name ON people (name);

-- Substring search over 100k people: a trigram index answers queries of three or more
-- characters (ID and phone fragments, addresses, three-character names) without a scan.
CREATE VIRTUAL TABLE people_search USING fts5 (
    name, id_number, phone, address,
    content = 'people', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, name, id_number, phone, address)
    VALUES (new.id, new.name, new.id_number, new.phone, new.address);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name, id_number, phone, address)
    VALUES ('delete', old.id, old.name, old.id_number, old.phone, old.address);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, id_number, phone, address ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name, id_number, phone, address)
    VALUES ('delete', old.id, old.name, old.id_number, old.phone, old.address);
    INSERT INTO people_search (rowid, name, id_number, phone, address)
    VALUES (new.id, new.name, new.id_number, new.phone, new.address);
END;

CREATE TABLE person_hardships (
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES hardship_categories (id),
    PRIMARY KEY (person_id, category_id)
) WITHOUT ROWID;
CREATE INDEX person_hardships_category ON person_hardships (category_id, person_id);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);

CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'trash', 'restore')),
    before      TEXT,
    after       TEXT
);
CREATE INDEX changes_row ON changes (table_name, row_id);

INSERT INTO hardship_categories (name_zh, name_en, sort_order) VALUES
    ('特困', 'Extreme poverty', 1),
    ('低保', 'Minimum living allowance', 2),
    ('低保边缘', 'Near minimum allowance', 3),
    ('脱贫', 'Lifted out of poverty', 4),
    ('防返贫监测', 'Monitored against relapse', 5),
    ('残疾', 'Disabled', 6),
    ('失业', 'Unemployed', 7),
    ('独居', 'Living alone', 8),
    ('高龄', 'Aged 80+', 9),
    ('留守', 'Left behind', 10),
    ('困境儿童', 'Child in difficulty', 11);
