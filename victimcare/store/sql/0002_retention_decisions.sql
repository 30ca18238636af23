-- victimcare schema 2: the record of retention reviews. It names the case only by its local
-- reference, so the decision to erase outlives the erased case without holding personal data.
CREATE TABLE retention_decisions (
    id                INTEGER PRIMARY KEY,
    case_reference    TEXT NOT NULL,
    decided_at        TEXT NOT NULL,
    officer           TEXT NOT NULL,
    decision          TEXT NOT NULL CHECK (decision IN ('keep', 'erase')),
    reason            TEXT NOT NULL CHECK (reason <> ''),
    next_review_date  TEXT,
    CHECK (decision = 'erase' OR next_review_date IS NOT NULL)
);
CREATE INDEX retention_decisions_case ON retention_decisions(case_reference, decided_at);
CREATE INDEX cases_retention_review ON cases(retention_review_date) WHERE status = 'closed';
