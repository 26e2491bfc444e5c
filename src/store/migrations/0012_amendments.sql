-- Users' amendments to a child record (UPD-1, UPD-2; G 3.23–3.25).
--
-- A user who holds the update right amends an item of a record they may
-- see, with the verification they hold ("seen by me: a domestic bill",
-- G 3.24). Each amended item is one row here, kept for good:
--
--   applied     the system resolved it: it took effect at once;
--   pending     it conflicts with the record in a way the system cannot
--               resolve (G 3.25): it waits, not applied, for a data
--               administrator of la_code, who decides once:
--     ─▶ overridden  applied on the administrator's own verification;
--     ─▶ rejected    not applied, with the administrator's reason.
--
-- An amendment that takes effect is held as a contribution of its LA's
-- "users' amendments" source (amendment_source), a partial statement of the
-- amended items only, ranked most reliable, so the best view keeps it over
-- every later rebuild from the feeds (docs/feeds.md, the rules).
--
-- previous and proposed hold the item as the record had it when the user
-- asked and as the user asked for it (JSON objects of feed columns): the
-- administrator compares them. Like the verification texts, they are
-- personal data kept here and never in the audit trail, whose details hold
-- ids, item names and outcomes only.

CREATE TABLE amendment_source (
  la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
  source_id BIGINT NOT NULL UNIQUE REFERENCES data_source (id)
) {{STRICT}};

CREATE TABLE record_amendment (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id),
  -- The record's LA when the user asked: whose data administrators decide.
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  item TEXT NOT NULL CHECK (item IN ('names', 'date_of_birth', 'gender', 'address',
                                     'parents_carers', 'educational_setting', 'gp_practice')),
  previous TEXT NOT NULL,
  proposed TEXT NOT NULL,
  verification TEXT NOT NULL DEFAULT '',
  requested_by BIGINT NOT NULL REFERENCES user_account (id),
  mediated_by BIGINT REFERENCES user_account (id),
  route TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  -- The record's version the user's form showed (optimistic concurrency).
  record_version BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'pending', 'overridden', 'rejected')),
  conflict TEXT NOT NULL DEFAULT 'none'
    CHECK (conflict IN ('none', 'identifying', 'local_authority', 'recent_source')),
  decided_by BIGINT REFERENCES user_account (id),
  decided_at BIGINT,
  -- The administrator's verification (overridden) or reason (rejected).
  decision_reason TEXT NOT NULL DEFAULT '',
  contribution_id BIGINT REFERENCES contribution (id),
  -- Only a conflict waits; a decision is the administrator's, with words.
  CHECK ((status = 'applied' AND conflict = 'none') OR
         (status <> 'applied' AND conflict <> 'none')),
  CHECK ((status IN ('applied', 'pending') AND decided_at IS NULL AND decided_by IS NULL) OR
         (status IN ('overridden', 'rejected') AND decided_at IS NOT NULL AND
          decided_by IS NOT NULL AND decision_reason <> '')),
  CHECK ((status IN ('applied', 'overridden')) = (contribution_id IS NOT NULL))
) {{STRICT}};
CREATE INDEX record_amendment_open ON record_amendment (la_code, requested_at)
  WHERE status = 'pending';
CREATE INDEX record_amendment_child ON record_amendment (child_id, requested_at);
CREATE INDEX record_amendment_requester ON record_amendment (requested_by, requested_at);
