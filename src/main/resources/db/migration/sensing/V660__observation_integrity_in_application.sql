-- Observations no longer carry foreign keys to their Datastream, MultiDatastream and
-- FeatureOfInterest. On PostgreSQL each observation row fired three RI triggers (a SELECT …
-- FOR KEY SHARE per parent and row): most of the ingest's database time. The application keeps
-- the same integrity with one lock per parent and batch (docs/decisions.md, "Observation
-- integrity"): every writer of sta_observation locks the rows' features of interest and
-- (multi-)datastreams before inserting and stores only rows whose parents it found; every delete
-- of a parent locks it, deletes its observations, then deletes it. Both databases drop them, so
-- H2 and PostgreSQL keep one behaviour; the check that an observation has exactly one stream stays.
alter table sta_observation drop constraint fk_sta_observation_datastream;
alter table sta_observation drop constraint fk_sta_observation_multi_datastream;
alter table sta_observation drop constraint fk_sta_observation_feature;
