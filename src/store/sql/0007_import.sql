-- Imports from the office's spreadsheets (issue 12). Each import is one batch: the change
-- log's entries from `first_seq` to `last_seq` are its changes, and `import_rows` keeps
-- each record it created or changed, with the record as it was before, so that the batch
-- can be undone as a whole while none of its records has changed since. The column mapping
-- a clerk chose is remembered for the next file with the same headers.
CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    first_seq  INTEGER NOT NULL,
    last_seq   INTEGER,
    created    INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    refused    INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
);

CREATE TABLE import_rows (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
    source_row  INTEGER NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    before      TEXT
);
CREATE INDEX import_rows_batch ON import_rows (batch_id);

CREATE TABLE import_mappings (
    kind        TEXT NOT NULL,
    headers     TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (kind, headers)
);
