-- Matching and cleansing by the data administrators (FEED-6; G 4.51–4.52,
-- G 3.25): the decisions on rows in the review queue, children known to be
-- different, and merging two records found to be one child — with the undo
-- of a wrong merge.
--
-- A merge keeps one record (kept_id) and retires the other (merged_id):
--
--   standing ─undo─▶ undone (final; the same pair may be merged again as a
--                            new merge)
--
-- Every contribution of the merged record moves to the kept record and is
-- listed in merge_contribution, so that the undo returns each one to where
-- it was and nothing else. The merged record keeps its own row, frozen:
-- archive_state 'soft' with merged_into naming the kept record, so that no
-- search, index or view treats it as live (SRCH-4), and it cannot be
-- restored from the archive while the merge stands (the CHECK below). The
-- undo sets it live again.
--
-- kept_before is the kept record as it stood before the merge (JSON), the
-- base its best view is rebuilt from when the merge is undone: a best view
-- keeps what no contribution supplies, so without it the merged child's
-- data would stay on the kept record after the undo. It is personal data,
-- held only while the merge stands, and cleared by the undo.
--
-- guard names what argued against the merge when it was made: the matching
-- engine's guard (a plainly different forename or date of birth: a brother
-- or sister) or an earlier decision that the two are different children. A
-- merge against either carries the administrator's verification (G 3.25:
-- override only with additional verification), kept here and never in the
-- audit trail, whose details hold ids and outcomes only.

-- sqlite-only
ALTER TABLE child ADD COLUMN merged_into BIGINT REFERENCES child (id)
  CHECK (merged_into IS NULL OR (archive_state = 'soft' AND merged_into <> id));
-- postgres-only
ALTER TABLE child ADD COLUMN merged_into BIGINT REFERENCES child (id);
ALTER TABLE child ADD CONSTRAINT child_merged_is_retired
  CHECK (merged_into IS NULL OR (archive_state = 'soft' AND merged_into <> id));
-- end
CREATE INDEX child_merged_into ON child (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE record_merge (
  id {{ID}},
  kept_id BIGINT NOT NULL REFERENCES child (id),
  merged_id BIGINT NOT NULL REFERENCES child (id),
  -- The compartment of the LA team that merged (the kept record's LA then).
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  merged_at BIGINT NOT NULL,
  merged_by BIGINT NOT NULL REFERENCES user_account (id),
  guard TEXT NOT NULL CHECK (guard IN ('none', 'sibling', 'known_distinct')),
  verification TEXT NOT NULL DEFAULT '',
  kept_before TEXT,
  undone_at BIGINT,
  undone_by BIGINT REFERENCES user_account (id),
  CHECK (kept_id <> merged_id),
  CHECK (guard = 'none' OR verification <> ''),
  CHECK ((undone_at IS NULL AND undone_by IS NULL AND kept_before IS NOT NULL) OR
         (undone_at IS NOT NULL AND undone_by IS NOT NULL AND kept_before IS NULL))
) {{STRICT}};
-- A record is merged away by one standing merge at most.
CREATE UNIQUE INDEX record_merge_standing ON record_merge (merged_id) WHERE undone_at IS NULL;
CREATE INDEX record_merge_kept ON record_merge (kept_id);
CREATE INDEX record_merge_la ON record_merge (la_code, merged_at);

CREATE TABLE merge_contribution (
  merge_id BIGINT NOT NULL REFERENCES record_merge (id),
  contribution_id BIGINT NOT NULL REFERENCES contribution (id),
  PRIMARY KEY (merge_id, contribution_id)
) {{STRICT}};

-- "Not the same child": a data administrator found a row to be none of the
-- records the engine proposed; the record made for it and each candidate
-- are two children. A merge of such a pair needs verification (above).
CREATE TABLE distinct_child (
  child_a BIGINT NOT NULL REFERENCES child (id),
  child_b BIGINT NOT NULL REFERENCES child (id),
  review_id BIGINT REFERENCES match_review (id),
  decided_by BIGINT NOT NULL REFERENCES user_account (id),
  decided_at BIGINT NOT NULL,
  PRIMARY KEY (child_a, child_b),
  CHECK (child_a < child_b)
) {{STRICT}};

-- The record a decided review linked the row to or created for it.
-- sqlite-only
ALTER TABLE match_review ADD COLUMN decided_child BIGINT REFERENCES child (id)
  CHECK ((decided_child IS NULL AND decision IS NULL) OR
         (decided_child IS NOT NULL AND decision IS NOT NULL));
-- postgres-only
ALTER TABLE match_review ADD COLUMN decided_child BIGINT REFERENCES child (id);
ALTER TABLE match_review ADD CONSTRAINT match_review_decided_child
  CHECK ((decided_child IS NULL AND decision IS NULL) OR
         (decided_child IS NOT NULL AND decision IS NOT NULL));
-- end
