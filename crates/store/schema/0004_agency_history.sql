-- tdkt schema 0004: agencies renamed and merged from a date (DOMAIN.md 4.6). A name row may also
-- carry the short name and the symbol in force from its date (NULL: unchanged), so that a rename
-- dated ahead takes effect whole on its day; the agency's events are listed by agency.
ALTER TABLE agency_name ADD COLUMN short_name TEXT;
ALTER TABLE agency_name ADD COLUMN symbol TEXT;
CREATE INDEX org_event_agency ON org_event (agency_id, happened_on);
