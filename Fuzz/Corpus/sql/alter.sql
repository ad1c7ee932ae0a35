-- own:allow set-not-null because backfilled
SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN total SET NOT NULL, ADD CONSTRAINT c CHECK (total > 0) NOT VALID;
COMMENT ON COLUMN orders.legacy IS 'deprecated 2026-11-01';