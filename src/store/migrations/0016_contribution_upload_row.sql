-- FEED-4: the row of its upload a contribution last came from. Among
-- contributions of one rank received in the same second, the one stated
-- later speaks (store::StatementOrder): a source's repeated row is stated
-- when it is repeated, not when its record id was first sent.
ALTER TABLE contribution ADD COLUMN upload_row BIGINT NOT NULL DEFAULT 0;
