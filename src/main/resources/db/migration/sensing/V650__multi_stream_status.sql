-- Device liveness of MultiDatastreams: the last judged status of each watched MultiDatastream, kept
-- like sta_stream_status (V630) for Datastreams, whose ids are a separate sequence. No foreign key,
-- for the same reason: deleting a MultiDatastream must not trip over its status row.
create table sta_multi_stream_status (
    multi_datastream_id bigint not null,
    thing_id            bigint not null,
    online              boolean not null,
    changed_at          timestamp with time zone not null,
    constraint pk_sta_multi_stream_status primary key (multi_datastream_id)
);
