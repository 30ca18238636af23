-- victimcare schema 3: the Today list reads open commitments from their index. With only
-- due_at in the index, each of a long list's rows was fetched (and decrypted) from its own
-- page of a table that grows by every commitment ever made; this index also carries the
-- columns the list shows, and stays small because met and waived commitments leave it.
-- (The worklist query names it: services/commitments.py.)
DROP INDEX commitments_open;
CREATE INDEX commitments_open ON commitments(due_at, id, case_id, kind, reason)
    WHERE met_at IS NULL AND waived_at IS NULL;
