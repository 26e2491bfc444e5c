-- G 4.52, FEED-3: a row in the review queue that a data administrator found
-- not usable, reported back to the source's data controller — which record
-- and why, never the row's values. The row itself is not kept: its
-- contribution and its review are deleted, so if the source sends that
-- record again, corrected, it is matched afresh like any new row.
CREATE TABLE unusable_report (
  id {{ID}},
  source_id BIGINT NOT NULL REFERENCES data_source (id),
  source_record_id TEXT NOT NULL,
  la_code TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason <> ''),
  received_at BIGINT NOT NULL,
  reported_at BIGINT NOT NULL,
  reported_by BIGINT NOT NULL REFERENCES user_account (id)
) {{STRICT}};
CREATE INDEX unusable_report_source ON unusable_report (source_id, id);

-- FEED-5: a source reads its mismatches in the order they were noticed.
CREATE INDEX source_mismatch_source ON source_mismatch (source_id, id);
