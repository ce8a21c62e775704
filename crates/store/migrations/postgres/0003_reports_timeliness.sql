-- tdkt schema 0003: review reports (issue 5). The day a report was first sent, in the app's time
-- zone, so that "on time" (that day ≤ due_on, the due day included) is a plain comparison in
-- aggregate queries across agencies; and how often the Office returned it.
ALTER TABLE report ADD COLUMN first_submitted_on DATE;
ALTER TABLE report ADD COLUMN returned_count BIGINT NOT NULL DEFAULT 0;
CREATE INDEX report_agency ON report (agency_id, kind);
