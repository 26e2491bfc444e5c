-- Sensitive services and consent (SENS-2, SENS-3; G 3.3–3.8, G 3.33, G C2,
-- flowchart B10). A sensitive involvement is held only on one of two bases:
--
--   consent          informed and explicit, from the child when of sufficient
--                    understanding, otherwise from a parent/carer; oral or
--                    written; with the date it was given and the date it
--                    must be renewed — never implied;
--   public interest  recorded without consent because there is reasonable
--                    cause to suspect the child is suffering, or is likely to
--                    suffer, significant harm (G 3.8): the justification is
--                    kept with the involvement.
--
-- When consent is withdrawn the management team moves the involvement to the
-- archive at once (G 3.7): `archived` is set with when and why, and no view
-- reads it again.

ALTER TABLE involvement ADD COLUMN consent_given_by TEXT
  CHECK (consent_given_by IN ('child', 'parent_carer'));
ALTER TABLE involvement ADD COLUMN consent_date INTEGER;
ALTER TABLE involvement ADD COLUMN consent_method TEXT
  CHECK (consent_method IN ('oral', 'written'));
ALTER TABLE involvement ADD COLUMN consent_renewal INTEGER;
ALTER TABLE involvement ADD COLUMN public_interest TEXT NOT NULL DEFAULT '';
ALTER TABLE involvement ADD COLUMN archived_at BIGINT;
ALTER TABLE involvement ADD COLUMN archive_reason TEXT NOT NULL DEFAULT '';

-- Consents due for renewal, soonest first.
CREATE INDEX involvement_consent_renewal ON involvement (consent_renewal)
  WHERE archived = 0 AND consent_renewal IS NOT NULL;

-- The store refuses what the service would refuse: a live sensitive
-- involvement without a complete consent or a public-interest justification,
-- whichever path wrote it.
-- sqlite-only
CREATE TRIGGER involvement_sensitive_basis_insert BEFORE INSERT ON involvement
WHEN NEW.category = 'sensitive' AND NEW.archived = 0 AND NEW.public_interest = '' AND
     (NEW.consent_given_by IS NULL OR NEW.consent_date IS NULL OR
      NEW.consent_method IS NULL OR NEW.consent_renewal IS NULL)
BEGIN SELECT RAISE(ABORT, 'a sensitive involvement needs consent or a public interest'); END;
CREATE TRIGGER involvement_sensitive_basis_update BEFORE UPDATE ON involvement
WHEN NEW.category = 'sensitive' AND NEW.archived = 0 AND NEW.public_interest = '' AND
     (NEW.consent_given_by IS NULL OR NEW.consent_date IS NULL OR
      NEW.consent_method IS NULL OR NEW.consent_renewal IS NULL)
BEGIN SELECT RAISE(ABORT, 'a sensitive involvement needs consent or a public interest'); END;
-- postgres-only
ALTER TABLE involvement ADD CONSTRAINT involvement_sensitive_basis CHECK (
  category <> 'sensitive' OR archived <> 0 OR public_interest <> '' OR
  (consent_given_by IS NOT NULL AND consent_date IS NOT NULL AND
   consent_method IS NOT NULL AND consent_renewal IS NOT NULL)) NOT VALID;
-- end
