-- Registered crime per area, month and category, imported from the zone's own figures, so
-- the officer sees it beside the problems his contacts perceive. A later import of the same
-- area, month and category replaces the count: corrected figures overwrite, never add up.
CREATE TABLE crime_counts (
    area TEXT NOT NULL,
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    category TEXT NOT NULL COLLATE NOCASE,  -- "Woninginbraak" and "woninginbraak" are one
    count INTEGER NOT NULL CHECK (count >= 0),
    imported_at TEXT NOT NULL,
    PRIMARY KEY (area, month, category)
);

CREATE INDEX crime_counts_month ON crime_counts (month, area);

-- The analysis reads scans by visit date over a whole zone, and meetings by area.
CREATE INDEX scans_visited_on ON scans (visited_on, contact_id);
CREATE INDEX meetings_area ON meetings (area, starts_at);
