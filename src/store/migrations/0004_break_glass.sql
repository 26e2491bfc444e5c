-- Break glass, the emergency shielding override (BG-1 … BG-3, S 2.7, S 9):
-- every use opens an investigation at once for the management team of the
-- record's LA, due for review on the next working day.
--
-- child_id carries no foreign key, like audit_record: an investigation is
-- part of the accountability record and must outlive the child record's
-- archiving or deletion. The reason is the user's own words and is kept
-- here, never in the audit trail (whose details hold ids only).

CREATE TABLE break_glass_investigation (
  id {{ID}},
  child_id BIGINT NOT NULL,
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  mediator_id BIGINT REFERENCES user_account (id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  occurred_at BIGINT NOT NULL,
  due_on INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'legitimate', 'referred_misuse')),
  resolved_by BIGINT REFERENCES user_account (id),
  resolved_at BIGINT,
  resolution_note TEXT NOT NULL DEFAULT '',
  -- An investigation is resolved exactly when it carries who and when.
  CHECK ((status = 'open' AND resolved_by IS NULL AND resolved_at IS NULL) OR
         (status <> 'open' AND resolved_by IS NOT NULL AND resolved_at IS NOT NULL))
) {{STRICT}};

-- The open queue of one LA, oldest due first.
CREATE INDEX break_glass_investigation_open
  ON break_glass_investigation (la_code, due_on) WHERE status = 'open';
CREATE INDEX break_glass_investigation_child ON break_glass_investigation (child_id);
