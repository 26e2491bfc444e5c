-- Users and accounts (ACC-1 … ACC-12), sessions (AUTH-2), API clients
-- (AUTH-5) and the audit trail (AUD-1, AUD-3, AUD-4).

CREATE TABLE user_account (
  id {{ID}},
  username TEXT NOT NULL,
  username_fold TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  extra_rights TEXT NOT NULL DEFAULT '',
  organisation_id BIGINT REFERENCES organisation (id),
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  status TEXT NOT NULL,
  status_reason TEXT NOT NULL DEFAULT '',
  status_changed_at BIGINT NOT NULL,
  password_hash TEXT NOT NULL,
  password_set_at BIGINT NOT NULL,
  totp_secret TEXT NOT NULL,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  token_state TEXT NOT NULL DEFAULT 'issued',
  -- ACC-3: the five conditions of access (G 2.7), as recorded at creation.
  crb_issued_on INTEGER NOT NULL,
  crb_evidence TEXT NOT NULL,
  accredited_training_on INTEGER NOT NULL,
  other_training_on INTEGER NOT NULL,
  need_for_access TEXT NOT NULL,
  vbs_number TEXT NOT NULL DEFAULT '',
  staff_manager_name TEXT NOT NULL DEFAULT '',
  staff_manager_email TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  last_sign_in_at BIGINT
) {{STRICT}};
CREATE INDEX user_account_la ON user_account (la_code, status);

-- AUTH-3: recent sign-in failures per account, for throttling.
CREATE TABLE sign_in_failure (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  at BIGINT NOT NULL
) {{STRICT}};
CREATE INDEX sign_in_failure_user ON sign_in_failure (user_id, at);

-- AUTH-2: the session id itself is never stored, only its SHA-256.
CREATE TABLE user_session (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  route TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  requestor_id BIGINT REFERENCES user_account (id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT NOT NULL DEFAULT ''
) {{STRICT}};
CREATE INDEX user_session_user ON user_session (user_id, ended_at);

-- AUTH-5: adapted case management systems, each with its own credential.
CREATE TABLE api_client (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  credential_hash TEXT NOT NULL UNIQUE,
  accredited INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
) {{STRICT}};

-- Switches the LA or the central team turn on (e.g. the VBS requirement).
CREATE TABLE system_setting (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) {{STRICT}};

-- AUD-4: append-only, hash-chained. seq is assigned by the appender, which
-- holds the chain head row (audit_head) locked while it appends.
CREATE TABLE audit_entry (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,
  mediator_id BIGINT,
  route TEXT NOT NULL,
  action TEXT NOT NULL,
  record_ids TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) {{STRICT}};
CREATE INDEX audit_entry_user ON audit_entry (user_id, seq);

-- One row per (entry, child record) for a record's access history (AUD-5).
CREATE TABLE audit_record (
  seq BIGINT NOT NULL REFERENCES audit_entry (seq),
  child_id BIGINT NOT NULL,
  PRIMARY KEY (child_id, seq)
) {{STRICT}};

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
) {{STRICT}};
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- Signed checkpoints of the chain head (Ed25519).
CREATE TABLE audit_checkpoint (
  seq BIGINT PRIMARY KEY,
  head_hash TEXT NOT NULL,
  at BIGINT NOT NULL,
  signature TEXT NOT NULL
) {{STRICT}};

-- sqlite-only
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
-- end
-- postgres-only
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_record
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_record, audit_checkpoint FROM PUBLIC;
-- end

-- Messages the system owes people (a staff manager told of a suspension,
-- ACC-6; a source told of a mismatch, UPD-3): an outbox that a mailer
-- drains. Bodies never hold a child's personal data.
CREATE TABLE notification (
  id {{ID}},
  created_at BIGINT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at BIGINT
) {{STRICT}};
