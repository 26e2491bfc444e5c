-- The records changed since a moment (store::ChangedSince), without a scan:
-- how a running service learns of changes another process made.
CREATE INDEX child_updated ON child (updated_at);
