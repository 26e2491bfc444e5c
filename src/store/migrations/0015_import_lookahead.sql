-- An import matches a batch's rows while it writes the batch before
-- (docs/feeds.md). The candidates it found are kept with the progress of
-- the batch before, in the same transaction, so that an import stopped and
-- run again treats the next batch exactly as an unbroken run: child ids
-- only, and cleared when the upload finishes.
ALTER TABLE data_upload ADD COLUMN lookahead TEXT NOT NULL DEFAULT '';
