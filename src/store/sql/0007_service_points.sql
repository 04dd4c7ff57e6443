-- 0007 (service points): the medical-insurance bureau's three tiers of service points
-- (the district hall, the street workstations, the village points) and the workstations
-- inside medical institutions, what each offers, who works there and what they did; and
-- the district and street outlines the office imports for the map.
--
-- * Coordinates are WGS-84 only: a coordinate typed or imported in GCJ-02 is converted
--   before it is written, so nothing here needs to know which datum it came in.
-- * What a point offers and who staffs it are small lists kept with the point (JSON arrays
--   checked by the store), so the change log records a point whole in one row.
-- * The reach of the 10-minute circle (travel mode, speed, minutes, detour factor) lives in
--   `settings` under `service_points.*`; absent keys mean walking 5 km/h, 10 min, 1.3.

CREATE TABLE sp_services (
    id          INTEGER PRIMARY KEY,
    name_zh     TEXT NOT NULL UNIQUE CHECK (name_zh <> ''),
    name_en     TEXT NOT NULL CHECK (name_en <> ''),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO sp_services (name_zh, name_en, sort_order) VALUES
    ('参保信息查询', 'Enrolment information query', 1),
    ('参保登记', 'Enrolment registration', 2),
    ('信息变更', 'Information change', 3),
    ('异地就医备案（临时外出就医登记）', 'Out-of-area treatment registration', 4),
    ('政策宣传', 'Policy publicity', 5),
    ('帮办代办', 'Assisted and proxy handling', 6);

CREATE TABLE service_points (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    tier        TEXT NOT NULL CHECK (tier IN ('hall', 'workstation', 'village', 'hospital')),
    parent_id   INTEGER REFERENCES service_points (id),
    region_id   INTEGER NOT NULL REFERENCES regions (id),
    address     TEXT NOT NULL DEFAULT '',
    lon         REAL CHECK (lon BETWEEN -180 AND 180),
    lat         REAL CHECK (lat BETWEEN -90 AND 90),
    hours       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('planned', 'open', 'closed')),
    opened_on   TEXT,
    closed_on   TEXT,
    is_new      INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1)),
    -- [{"service": id, "handling": "on_site" | "assisted"}, …]
    services    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services) AND json_type(services) = 'array'),
    -- [{"name": …, "full_time": bool, "phone": …}, …]
    staff       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(staff) AND json_type(staff) = 'array'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX service_points_region ON service_points (region_id);
CREATE INDEX service_points_parent ON service_points (parent_id);

-- The quick log: per point and day, a service and how many times (one line per visit is a
-- count of 1); `passed_on` marks work handed to the tier above.
CREATE TABLE service_log (
    id          INTEGER PRIMARY KEY,
    point_id    INTEGER NOT NULL REFERENCES service_points (id),
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    service_id  INTEGER NOT NULL REFERENCES sp_services (id),
    count       INTEGER NOT NULL CHECK (count > 0),
    passed_on   INTEGER NOT NULL DEFAULT 0 CHECK (passed_on IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE INDEX service_log_point_day ON service_log (point_id, day);
CREATE INDEX service_log_day ON service_log (day);

-- Outlines imported from GeoJSON, one row per feature, the geometry as GeoJSON in WGS-84;
-- `datum_in` says what the file was in.
CREATE TABLE map_outlines (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    geometry    TEXT NOT NULL CHECK (json_valid(geometry)),
    vertices    INTEGER NOT NULL,
    datum_in    TEXT NOT NULL CHECK (datum_in IN ('wgs84', 'gcj02')),
    source      TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL
);
