-- The child record (REC-1 … REC-13) and its reference data.
-- Dates are days since 1970-01-01, times epoch seconds UTC, booleans 0/1.
-- Text used for exact search is also stored case-folded (*_fold).
-- There is no column for case notes, needs, attainment, attendance or
-- clinical observations anywhere in this schema (REC-11).

CREATE TABLE local_authority (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  kind TEXT NOT NULL
) {{STRICT}};

CREATE TABLE organisation (
  id {{ID}},
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, code)
) {{STRICT}};
CREATE INDEX organisation_la ON organisation (la_code, kind);

CREATE TABLE child (
  id {{ID}},
  uin BIGINT NOT NULL UNIQUE,
  la_code TEXT NOT NULL REFERENCES local_authority (code),
  forenames TEXT NOT NULL,
  surname TEXT NOT NULL,
  known_as_surname TEXT NOT NULL DEFAULT '',
  forenames_fold TEXT NOT NULL,
  surname_fold TEXT NOT NULL,
  gender INTEGER NOT NULL,
  date_of_birth INTEGER NOT NULL,
  date_of_death INTEGER,
  death_confirmed INTEGER NOT NULL DEFAULT 0,
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  address_line3 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  education_setting TEXT NOT NULL DEFAULT 'none_known',
  looked_after INTEGER NOT NULL DEFAULT 0,
  shielded INTEGER NOT NULL DEFAULT 0,
  archive_state TEXT NOT NULL DEFAULT 'live',
  -- REC-8: "item=source@time;…" for the single-valued items.
  provenance TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
) {{STRICT}};
CREATE INDEX child_surname_dob ON child (surname_fold, date_of_birth);
CREATE INDEX child_la ON child (la_code);

-- Other names: previous surnames, aliases, alternative spellings (REC-1, REC-9).
CREATE TABLE child_name (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  forenames TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  surname_fold TEXT NOT NULL,
  source_id BIGINT NOT NULL DEFAULT 0,
  supplied_at BIGINT NOT NULL DEFAULT 0
) {{STRICT}};
CREATE INDEX child_name_child ON child_name (child_id);

-- REC-2.
CREATE TABLE parent_carer (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  forenames TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  surname_fold TEXT NOT NULL,
  relationship TEXT NOT NULL DEFAULT '',
  parental_responsibility INTEGER NOT NULL DEFAULT 1,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  address_line3 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  source_id BIGINT NOT NULL DEFAULT 0,
  supplied_at BIGINT NOT NULL DEFAULT 0
) {{STRICT}};
CREATE INDEX parent_carer_child ON parent_carer (child_id);

-- REC-3: universal services, one row per kind of service.
CREATE TABLE universal_service (
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  organisation TEXT NOT NULL,
  org_code TEXT NOT NULL DEFAULT '',
  practitioner TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  source_id BIGINT NOT NULL DEFAULT 0,
  supplied_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (child_id, service)
) {{STRICT}};

-- REC-4, REC-5: specialist/targeted and sensitive involvements.
CREATE TABLE involvement (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  service_type TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  team TEXT NOT NULL DEFAULT '',
  practitioner TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  start_date INTEGER,
  ceased_date INTEGER,
  retention_end INTEGER,
  archived INTEGER NOT NULL DEFAULT 0,
  source_id BIGINT NOT NULL DEFAULT 0,
  supplied_at BIGINT NOT NULL DEFAULT 0
) {{STRICT}};
CREATE INDEX involvement_child ON involvement (child_id);

-- REC-6, REC-7: the CAF holder and the lead professional.
CREATE TABLE key_contact (
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  practitioner TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  since INTEGER,
  sensitive_service INTEGER NOT NULL DEFAULT 0,
  source_id BIGINT NOT NULL DEFAULT 0,
  supplied_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (child_id, role)
) {{STRICT}};

-- REC-10.
CREATE TABLE dispute_mark (
  id {{ID}},
  child_id BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  disputed_on INTEGER NOT NULL,
  settled_on INTEGER
) {{STRICT}};
CREATE INDEX dispute_mark_child ON dispute_mark (child_id);
