-- Spring Modulith's JDBC event publication registry (schema v2), portable to H2 and PostgreSQL.
CREATE TABLE event_publication (
    id                     uuid NOT NULL,
    listener_id            varchar(512) NOT NULL,
    event_type             varchar(512) NOT NULL,
    serialized_event       varchar(8000) NOT NULL,
    publication_date       timestamp(6) with time zone NOT NULL,
    completion_date        timestamp(6) with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp(6) with time zone,
    CONSTRAINT event_publication_pk PRIMARY KEY (id)
);
CREATE INDEX event_publication_by_listener_idx ON event_publication (listener_id);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
