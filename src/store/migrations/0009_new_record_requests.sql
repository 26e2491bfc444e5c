-- Requests for a new child record (NEW-2; G 3.19–3.22, flowchart B7). A
-- user who has searched and cannot find a child submits the child's
-- details; a data administrator of the LA the request goes to searches
-- again, including shielded and archived records (SRCH-4), and then tells
-- the user that a record exists, creates the record, or refuses the request
-- (a child not ordinarily resident in England, G 3.20, NEW-3):
--
--   received → record_exists | created | refused
--
-- la_code is the LA of the child's address when the requester named it,
-- else the requester's own (la_basis says which); its data administrators
-- work the request and a record created from it belongs to it (LA-1).
--
-- The child's details are kept as submitted — enough to create the record,
-- and the evidence of what was asked — and never copied into the audit
-- trail, whose details hold ids and statuses only. child_id carries no
-- foreign key, like brokering_request: the request is part of the
-- accountability record and outlives the archiving or deletion of the
-- record. outcome_uin is the UIN the requester is told: only for a record
-- they may see (never for a shielded record they may not see in full, nor
-- an archived one).

CREATE TABLE new_record_request (
  id {{ID}},
  requester_user_id BIGINT NOT NULL REFERENCES user_account (id),
  mediator_id BIGINT REFERENCES user_account (id),
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  la_basis TEXT NOT NULL CHECK (la_basis IN ('address', 'requester')),
  forenames TEXT NOT NULL CHECK (forenames <> ''),
  surname TEXT NOT NULL CHECK (surname <> ''),
  known_as_surname TEXT NOT NULL DEFAULT '',
  previous_surname TEXT NOT NULL DEFAULT '',
  -- NHS Data Dictionary person stated gender codes, as child.gender.
  gender INTEGER NOT NULL CHECK (gender IN (0, 1, 2, 9)),
  date_of_birth INTEGER NOT NULL,
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  address_line3 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  parent_forenames TEXT NOT NULL DEFAULT '',
  parent_surname TEXT NOT NULL DEFAULT '',
  parent_relationship TEXT NOT NULL DEFAULT '',
  parent_phone TEXT NOT NULL DEFAULT '',
  school TEXT NOT NULL DEFAULT '',
  gp_practice TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL CHECK (reason <> ''),
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'record_exists', 'created', 'refused')),
  created_at BIGINT NOT NULL,
  searched_at BIGINT,
  searched_by BIGINT REFERENCES user_account (id),
  decided_at BIGINT,
  decided_by BIGINT REFERENCES user_account (id),
  child_id BIGINT,
  outcome_uin BIGINT,
  refusal_reasons TEXT NOT NULL DEFAULT '',
  CHECK ((searched_at IS NULL AND searched_by IS NULL) OR
         (searched_at IS NOT NULL AND searched_by IS NOT NULL)),
  -- A decision carries who and when, and follows the further search (G 3.22).
  CHECK ((status = 'received' AND decided_at IS NULL AND decided_by IS NULL) OR
         (status <> 'received' AND decided_at IS NOT NULL AND decided_by IS NOT NULL AND
          searched_at IS NOT NULL)),
  -- The record that exists, or was created, is named; no other outcome names one.
  CHECK ((status IN ('record_exists', 'created') AND child_id IS NOT NULL) OR
         (status IN ('received', 'refused') AND child_id IS NULL)),
  -- The requester is always told the UIN of the record created for them.
  CHECK (status <> 'created' OR outcome_uin IS NOT NULL),
  CHECK (outcome_uin IS NULL OR status IN ('record_exists', 'created')),
  -- A refusal, and only a refusal, has its reasons recorded.
  CHECK ((status = 'refused' AND refusal_reasons <> '') OR
         (status <> 'refused' AND refusal_reasons = ''))
) {{STRICT}};

-- The open queue of one LA's data administrators, oldest first.
CREATE INDEX new_record_request_open
  ON new_record_request (la_code, created_at) WHERE status = 'received';
-- A requester's own requests.
CREATE INDEX new_record_request_requester
  ON new_record_request (requester_user_id, created_at);
-- The further search finds archived records by a previous surname too.
CREATE INDEX IF NOT EXISTS child_name_surname ON child_name (surname_fold);
