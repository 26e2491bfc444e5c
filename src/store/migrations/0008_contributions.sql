-- Source data and record linkage (FEED-3 … FEED-6, NEW-1, UPD-3; G 3.1,
-- G 4.51–4.52, glossary C1 and C14).
--
-- Every accepted row a source sends is a contribution: the source's own
-- record id, what it supplied (the row's fields as a JSON object), and the
-- record it is linked to — or none while a data administrator decides
-- (state 'review'). A row that repeats a source record id replaces that
-- contribution. A record's best view is rebuilt from its contributions.

CREATE TABLE contribution (
  id {{ID}},
  source_id BIGINT NOT NULL REFERENCES data_source (id),
  source_record_id TEXT NOT NULL CHECK (source_record_id <> ''),
  child_id BIGINT REFERENCES child (id),
  state TEXT NOT NULL CHECK (state IN ('linked', 'review')),
  fields TEXT NOT NULL,
  shield_flag INTEGER NOT NULL DEFAULT 0 CHECK (shield_flag IN (0, 1)),  -- FEED-8
  upload_id BIGINT REFERENCES data_upload (id),
  received_at BIGINT NOT NULL,
  UNIQUE (source_id, source_record_id),
  CHECK ((state = 'linked' AND child_id IS NOT NULL) OR (state = 'review' AND child_id IS NULL))
) {{STRICT}};
CREATE INDEX contribution_child ON contribution (child_id);
CREATE INDEX contribution_shield_flag ON contribution (upload_id) WHERE shield_flag = 1;

-- FEED-6: a row the matching engine could not place with confidence waits
-- here for a data administrator of the LA it points to, with the candidate
-- records and their probabilities (JSON, best first).
CREATE TABLE match_review (
  id {{ID}},
  contribution_id BIGINT NOT NULL UNIQUE REFERENCES contribution (id),
  la_code TEXT NOT NULL,
  candidates TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by BIGINT REFERENCES user_account (id),
  decision TEXT CHECK (decision IN ('linked', 'created', 'not_same')),
  CHECK ((decision IS NULL AND decided_at IS NULL) OR
         (decision IS NOT NULL AND decided_at IS NOT NULL))
) {{STRICT}};
CREATE INDEX match_review_open ON match_review (la_code, created_at) WHERE decision IS NULL;

-- UPD-3, FEED-5, G C14: an item a source supplied that differs from the
-- best view, to be notified to that source — which item, never the value.
CREATE TABLE source_mismatch (
  id {{ID}},
  source_id BIGINT NOT NULL REFERENCES data_source (id),
  source_record_id TEXT NOT NULL,
  item TEXT NOT NULL,
  noticed_at BIGINT NOT NULL,
  UNIQUE (source_id, source_record_id, item)
) {{STRICT}};

-- FEED-3: the upload's report of unusable rows: where and why, never the
-- row's values.
CREATE TABLE upload_rejection (
  upload_id BIGINT NOT NULL REFERENCES data_upload (id),
  row_number BIGINT NOT NULL,
  field TEXT NOT NULL,
  problem TEXT NOT NULL,
  PRIMARY KEY (upload_id, row_number)
) {{STRICT}};

-- An upload resumes where it stopped: the same file (by its SHA-256) from
-- the same source carries on after the rows already committed.
ALTER TABLE data_upload ADD COLUMN file_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE data_upload ADD COLUMN rows_done BIGINT NOT NULL DEFAULT 0;
CREATE INDEX data_upload_digest ON data_upload (source_id, file_sha256);

-- UINs issued by ContactPoint itself (new records from sources or from a
-- user's request, NEW-1, NEW-2), after the range synthetic loads use.
CREATE TABLE uin_sequence (
  name TEXT PRIMARY KEY,
  next_value BIGINT NOT NULL
) {{STRICT}};
INSERT INTO uin_sequence (name, next_value) VALUES ('issued', 60000000000);
