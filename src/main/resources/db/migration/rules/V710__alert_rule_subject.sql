-- The rule and subject of every alert, active or not, as one indexed text: the replay guard asks
-- for the latest sighting of many (rule, subject) pairs per engine batch, and H2 uses only the
-- first column of an index for a row-value IN list, so it read all of a rule's old alerts.
alter table alert add column rule_subject varchar(130);
update alert set rule_subject = cast(rule_id as varchar(20)) || '|' || subject;
alter table alert alter column rule_subject set not null;
create index ix_alert_rule_subject_seen on alert (rule_subject, last_event_at);
