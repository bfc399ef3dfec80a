-- Channels (Open311, hotline, webhooks) look their cases up by their own reference and list them by time.
CREATE INDEX cases_source_ref_idx ON cases (source_type, source_ref);
CREATE INDEX cases_source_reported_idx ON cases (source_type, reported_at);
