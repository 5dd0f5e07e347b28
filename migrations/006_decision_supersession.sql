-- Issue 16: a new decision on a (subject, party) pair that already has an active one is refused unless it names that
-- decision in `supersedes`: it then replaces it, and the old one stays on record, marked superseded (it is
-- superseded when another decision names it). The superseded row itself is never updated, and what a decision
-- supersedes is fixed when it is recorded; a decision is superseded at most once.

ALTER TABLE decisions ADD COLUMN supersedes TEXT REFERENCES decisions (id);
CREATE UNIQUE INDEX decisions_supersedes ON decisions (supersedes) WHERE supersedes IS NOT NULL;

CREATE TRIGGER decisions_supersedes_fixed BEFORE UPDATE OF supersedes ON decisions
WHEN NEW.supersedes IS NOT OLD.supersedes
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: what a decision supersedes never changes');
END;
