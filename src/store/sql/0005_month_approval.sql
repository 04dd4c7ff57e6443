-- 0005 (month approval): a month's findings accepted with a written reason, so that the
-- month can be approved with them and the sheet lists them; and the part of a recovery that
-- a month's pay could not cover, carried to the next month so no line goes below zero.

CREATE TABLE finding_acceptances (
    id            INTEGER PRIMARY KEY,
    month         TEXT NOT NULL CHECK (length(month) = 7),
    kind          TEXT NOT NULL CHECK (kind <> ''),
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    reason        TEXT NOT NULL CHECK (trim(reason) <> ''),
    accepted_by   TEXT NOT NULL,
    accepted_at   TEXT NOT NULL,
    UNIQUE (month, kind, placement_id)
);
CREATE INDEX finding_acceptances_month ON finding_acceptances (month);

-- Computed with the sheet of `from_month` (like its lines): what its line could not recover,
-- paid back on the sheet of `month`, the month after.
CREATE TABLE subsidy_carries (
    id            INTEGER PRIMARY KEY,
    from_month    TEXT NOT NULL CHECK (length(from_month) = 7),
    month         TEXT NOT NULL CHECK (length(month) = 7 AND month > from_month),
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen < 0),
    UNIQUE (from_month, placement_id)
);
CREATE INDEX subsidy_carries_month ON subsidy_carries (month);
