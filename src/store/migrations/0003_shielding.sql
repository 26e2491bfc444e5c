-- Shielding (SHD-1 … SHD-11): the requests behind each shield, their
-- reviews, and the shielding log of S 15. child.shielded is the shield
-- itself: set when a request takes effect, cleared only by the LA
-- ContactPoint manager once no request remains (SHD-4).

-- One per requester per record (S 5). requester_kind: user (a ContactPoint
-- user's notification or urgent mark), source (a source system's flag),
-- non_user (recorded by the management team for a practitioner, the child or
-- a parent/carer, with the details of S 4), system (co-resident children and
-- potential duplicates shielded in the first instance, SHD-6/SHD-7).
-- status: pending (awaiting the team), active, rejected, withdrawn.
CREATE TABLE shield_request (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id),
  requester_kind TEXT NOT NULL,
  requester_user_id BIGINT REFERENCES user_account (id),
  source_code TEXT NOT NULL DEFAULT '',
  requester_name TEXT NOT NULL DEFAULT '',
  requester_contact TEXT NOT NULL DEFAULT '',
  relationship TEXT NOT NULL DEFAULT '',
  service_contact TEXT NOT NULL DEFAULT '',
  grounds TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  origin TEXT NOT NULL DEFAULT 'request',
  origin_child_id BIGINT REFERENCES child (id),
  status TEXT NOT NULL,
  comments TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES user_account (id),
  created_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES user_account (id),
  decided_at BIGINT,
  withdrawn_by BIGINT REFERENCES user_account (id),
  withdrawn_at BIGINT
) {{STRICT}};
CREATE INDEX shield_request_child ON shield_request (child_id, status);
CREATE INDEX shield_request_status ON shield_request (status, created_at);

-- SHD-5: a review due 7 days after each request takes effect, then every 6
-- months while the shield stands; each completed with a recorded decision.
CREATE TABLE shield_review (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id),
  kind TEXT NOT NULL,
  due_on INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by BIGINT REFERENCES user_account (id),
  decision TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
) {{STRICT}};
CREATE INDEX shield_review_due ON shield_review (decided_at, due_on);
CREATE INDEX shield_review_child ON shield_review (child_id);

-- SHD-8, S 15: the shielding log, for the management team only.
CREATE TABLE shielding_log (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id),
  uin BIGINT NOT NULL,
  la_code TEXT NOT NULL,
  action TEXT NOT NULL,
  category TEXT NOT NULL,
  action_on INTEGER NOT NULL,
  requester_contact TEXT NOT NULL DEFAULT '',
  relationship TEXT NOT NULL DEFAULT '',
  confirmation_sent_on INTEGER,
  comments TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES user_account (id),
  created_at BIGINT NOT NULL
) {{STRICT}};
CREATE INDEX shielding_log_la ON shielding_log (la_code, id);
-- SHD-6: finding the children who live at a shielded child's address.
CREATE INDEX child_address ON child (postcode, address_line1);
