-- The handling deadline (处置时限) of the last HANDLE stage, kept after the case moves on, so
-- on-time handling can be judged without reading the history.
ALTER TABLE cases ADD COLUMN handle_due_at timestamp(6) with time zone;
UPDATE cases SET handle_due_at = due_at WHERE stage = 'HANDLE';
