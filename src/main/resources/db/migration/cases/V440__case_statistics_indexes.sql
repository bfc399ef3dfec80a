-- The city screen's figures count cases registered, first dispatched, closed and due to close in
-- a period (StoredCaseStatistics): with these indexes each count reads only the period's cases,
-- not every case ever recorded (measured with 100,000 cases, see docs/benchmarks.md).
CREATE INDEX cases_registered_at_idx ON cases (registered_at);
CREATE INDEX cases_first_dispatched_at_idx ON cases (first_dispatched_at);
CREATE INDEX cases_closed_at_idx ON cases (closed_at);
CREATE INDEX cases_handle_due_at_idx ON cases (handle_due_at);
