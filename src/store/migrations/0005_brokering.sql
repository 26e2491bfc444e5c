-- Brokering (SENS-4, BRK-1; G 3.48–3.52, S 8, flowchart B11): a user asks
-- the management team of the record's LA for contact with a sensitive
-- service working with a child, or for more information about a shielded
-- record. The team passes the request on, records the service's or
-- practitioner's decision, and then the feedback to the requester:
--
--   received → passed_on → disclosed | declined → closed
--
-- child_id and involvement_id carry no foreign key, like audit_record: a
-- request is part of the accountability record and must outlive the
-- archiving or deletion of the record and its involvements. la_code is the
-- record's LA when the request was made; its team works the request. The
-- free text (contact, reason, to whom, reasons) is kept here, never in the
-- audit trail (whose details hold ids and statuses only).

CREATE TABLE brokering_request (
  id {{ID}},
  child_id BIGINT NOT NULL,
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  requester_user_id BIGINT NOT NULL REFERENCES user_account (id),
  mediator_id BIGINT REFERENCES user_account (id),
  kind TEXT NOT NULL
    CHECK (kind IN ('sensitive_service_contact', 'shielded_record_information')),
  involvement_id BIGINT,
  requester_contact TEXT NOT NULL CHECK (requester_contact <> ''),
  reason TEXT NOT NULL CHECK (reason <> ''),
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'passed_on', 'disclosed', 'declined', 'closed')),
  created_at BIGINT NOT NULL,
  passed_on_at BIGINT,
  passed_on_by BIGINT REFERENCES user_account (id),
  passed_on_to TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  decided_by BIGINT REFERENCES user_account (id),
  decision TEXT CHECK (decision IN ('disclosed', 'declined')),
  decision_reasons TEXT NOT NULL DEFAULT '',
  feedback_sent_on INTEGER,
  closed_by BIGINT REFERENCES user_account (id),
  closed_at BIGINT,
  -- An involvement is named only for a sensitive service.
  CHECK (involvement_id IS NULL OR kind = 'sensitive_service_contact'),
  -- Each step, once taken, carries who and when; none is skipped.
  CHECK ((status = 'received' AND passed_on_at IS NULL AND passed_on_by IS NULL) OR
         (status <> 'received' AND passed_on_at IS NOT NULL AND passed_on_by IS NOT NULL)),
  CHECK ((status IN ('received', 'passed_on') AND decision IS NULL AND decided_at IS NULL AND
          decided_by IS NULL) OR
         (status IN ('disclosed', 'declined', 'closed') AND decision IS NOT NULL AND
          decided_at IS NOT NULL AND decided_by IS NOT NULL)),
  CHECK (status NOT IN ('disclosed', 'declined') OR decision = status),
  CHECK ((status = 'closed' AND feedback_sent_on IS NOT NULL AND closed_by IS NOT NULL AND
          closed_at IS NOT NULL) OR
         (status <> 'closed' AND feedback_sent_on IS NULL AND closed_by IS NULL AND
          closed_at IS NULL)),
  -- S 8: a refusal has its reasons recorded.
  CHECK (decision IS NULL OR decision <> 'declined' OR decision_reasons <> '')
) {{STRICT}};

-- The open queue of one LA's team, oldest first.
CREATE INDEX brokering_request_open
  ON brokering_request (la_code, created_at) WHERE status <> 'closed';
-- A requester's own requests.
CREATE INDEX brokering_request_requester
  ON brokering_request (requester_user_id, created_at);
