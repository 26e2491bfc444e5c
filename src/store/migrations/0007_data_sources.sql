-- Data sources (FEED-1, FEED-2; G 4.45–4.50, G C22–C23): the bodies
-- required or permitted to supply ContactPoint, their accreditation and
-- their data supply agreement, and the uploads they send.
--
--   accreditation  pending → accredited ⇄ withdrawn
--   agreement      none → active ⇄ suspended;  none | active | suspended → terminated
--
-- A source uploads only when accredited with an active agreement (G 4.46).
-- Terminated is final (G 4.49). la_code is the LA that manages a local
-- source (G 4.45); NULL for a national one, managed by the central team.
-- body_type carries no CHECK: the list of G C22/C23 bodies lives in
-- core/data_source and may grow without rebuilding the table; kind is the
-- Section 12 category that body_type implies.
--
-- Only a SHA-256 hash of a source's credential is kept, as for api_client;
-- the credential itself is shown once when issued.

CREATE TABLE data_source (
  id {{ID}},
  name TEXT NOT NULL CHECK (name <> ''),
  name_fold TEXT NOT NULL UNIQUE,
  body_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('required', 'permitted')),
  la_code TEXT REFERENCES local_authority (code),
  reliability_rank INTEGER NOT NULL CHECK (reliability_rank BETWEEN 1 AND 99),
  accreditation TEXT NOT NULL DEFAULT 'pending'
    CHECK (accreditation IN ('pending', 'accredited', 'withdrawn')),
  accredited_at BIGINT,
  accreditation_withdrawn_at BIGINT,
  agreement TEXT NOT NULL DEFAULT 'none'
    CHECK (agreement IN ('none', 'active', 'suspended', 'terminated')),
  agreement_activated_at BIGINT,
  agreement_suspended_at BIGINT,
  agreement_terminated_at BIGINT,
  credential_hash TEXT UNIQUE,
  credential_issued_at BIGINT,
  registered_at BIGINT NOT NULL,
  registered_by BIGINT REFERENCES user_account (id),
  -- Each status carries the time it was reached.
  CHECK (accreditation <> 'accredited' OR accredited_at IS NOT NULL),
  CHECK (accreditation <> 'withdrawn' OR accreditation_withdrawn_at IS NOT NULL),
  CHECK (agreement <> 'none' OR agreement_activated_at IS NULL),
  CHECK (agreement <> 'active' OR agreement_activated_at IS NOT NULL),
  CHECK (agreement <> 'suspended' OR agreement_suspended_at IS NOT NULL),
  CHECK ((agreement = 'terminated' AND agreement_terminated_at IS NOT NULL) OR
         (agreement <> 'terminated' AND agreement_terminated_at IS NULL)),
  CHECK ((credential_hash IS NULL AND credential_issued_at IS NULL) OR
         (credential_hash IS NOT NULL AND credential_issued_at IS NOT NULL))
) {{STRICT}};
CREATE INDEX data_source_la ON data_source (la_code);

-- One upload from a source (FEED-3, for the import): when it came, what it
-- was, and what became of its rows. Every accepted row is linked to an
-- existing record, creates one, or goes to review; rejected rows are
-- reported back as unusable. An upload that is rejected as a whole leaves
-- no partial state (DESIGN invariant 6).
CREATE TABLE data_upload (
  id {{ID}},
  source_id BIGINT NOT NULL REFERENCES data_source (id),
  received_at BIGINT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL CHECK (format IN ('csv', 'jsonl')),
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'processing', 'completed', 'rejected', 'failed')),
  rows_accepted BIGINT NOT NULL DEFAULT 0 CHECK (rows_accepted >= 0),
  rows_rejected BIGINT NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
  rows_linked BIGINT NOT NULL DEFAULT 0 CHECK (rows_linked >= 0),
  rows_created BIGINT NOT NULL DEFAULT 0 CHECK (rows_created >= 0),
  rows_review BIGINT NOT NULL DEFAULT 0 CHECK (rows_review >= 0),
  finished_at BIGINT,
  -- An upload is finished exactly when it has an outcome.
  CHECK ((status IN ('received', 'processing') AND finished_at IS NULL) OR
         (status IN ('completed', 'rejected', 'failed') AND finished_at IS NOT NULL)),
  CHECK (status <> 'completed' OR rows_accepted = rows_linked + rows_created + rows_review)
) {{STRICT}};
-- A source's uploads, newest last.
CREATE INDEX data_upload_source ON data_upload (source_id, received_at);
