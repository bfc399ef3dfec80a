-- Device liveness: the last judged status of each watched Datastream, so that a restart neither
-- repeats an offline event nor forgets that a datastream is offline. No foreign key: deleting a
-- Datastream through the SensorThings API must not trip over its status row (rows of deleted
-- datastreams are ignored and removed by the next liveness scan).
create table sta_stream_status (
    datastream_id bigint not null,
    thing_id      bigint not null,
    online        boolean not null,
    changed_at    timestamp with time zone not null,
    constraint pk_sta_stream_status primary key (datastream_id)
);
