-- One record's shielding log (ShieldingService::LogFor, SHD-8) without a
-- scan of every LA's log.
CREATE INDEX shielding_log_child ON shielding_log (child_id, id);
