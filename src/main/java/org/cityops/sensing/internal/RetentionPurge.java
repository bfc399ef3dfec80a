package org.cityops.sensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Deletes observations older than their retention ({@link RetentionPolicy}) on a schedule, one
 * datastream at a time, in deletes of at most {@code cityops.sensing.retention.batch-size} rows
 * each committed on its own, so the purge never holds one long transaction or many locks.
 * MultiDatastreams likewise, by {@link RetentionPolicy#multiDays}.
 */
@Component
class RetentionPurge {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RetentionSettings settings;
    private final ObjectMapper json;

    RetentionPurge(JdbcClient jdbc, Clock clock, RetentionSettings settings, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.json = json;
    }

    /** A datastream with the properties that decide its retention. */
    private record Stream(long id, String properties, String propertyProperties) {
    }

    @Scheduled(fixedDelayString = "${cityops.sensing.retention.purge-interval:1h}",
            initialDelayString = "${cityops.sensing.retention.purge-interval:1h}")
    void scheduledPurge() {
        purge();
    }

    /** Deletes every observation past its retention except each datastream's latest; returns how many. */
    int purge() {
        Instant now = clock.instant();
        int deleted = 0;
        for (Stream s : streams()) {
            int days = RetentionPolicy.days(properties(s.properties()), properties(s.propertyProperties()),
                    settings.defaultDays());
            if (days <= 0) {
                continue;
            }
            Instant before = RetentionPolicy.purgeBefore(days, now, latest(DATASTREAM, s.id()));
            if (before != null) {
                deleted += purge(DATASTREAM, s.id(), before);
            }
        }
        Map<Long, MultiStream> multi = multiStreams();
        for (MultiStream m : multi.values()) {
            int days = RetentionPolicy.multiDays(properties(m.properties()),
                    m.propertyProperties().stream().map(this::properties).toList(), settings.defaultDays());
            if (days <= 0) {
                continue;
            }
            Instant before = RetentionPolicy.purgeBefore(days, now, latest(MULTI, m.id()));
            if (before != null) {
                deleted += purge(MULTI, m.id(), before);
            }
        }
        return deleted;
    }

    /** Where one kind of stream keeps its observations and its phenomenon time. */
    private record Kind(String column, String table) {
    }

    private static final Kind DATASTREAM = new Kind("datastream_id", "sta_datastream");
    private static final Kind MULTI = new Kind("multi_datastream_id", "sta_multi_datastream");

    /** A MultiDatastream with its own properties and those of its ObservedProperties. */
    private record MultiStream(long id, String properties, List<String> propertyProperties) {
    }

    private Map<Long, MultiStream> multiStreams() {
        Map<Long, MultiStream> out = new LinkedHashMap<>();
        jdbc.sql("select m.id, m.properties, p.properties as property_properties from sta_multi_datastream m"
                        + " join " + StaStore.MULTI_DATASTREAM_OBSERVED_PROPERTY + " l on l.multi_datastream_id = m.id"
                        + " join sta_observed_property p on p.id = l.observed_property_id"
                        + (settings.defaultDays() > 0 ? "" : " where m.properties like '%" + RetentionPolicy.RETENTION_DAYS
                        + "%' or p.properties like '%" + RetentionPolicy.RETENTION_DAYS + "%'")
                        + " order by m.id, l.list_index")
                .query((rs, n) -> {
                    MultiStream m = out.computeIfAbsent(rs.getLong("id"),
                            id -> new MultiStream(id, null, new ArrayList<>()));
                    if (m.properties() == null && rs.getString("properties") != null) {
                        m = new MultiStream(m.id(), rs.getString("properties"), m.propertyProperties());
                        out.put(m.id(), m);
                    }
                    m.propertyProperties().add(rs.getString("property_properties"));
                    return m;
                }).list();
        return out;
    }

    private List<Stream> streams() {
        String sql = "select d.id, d.properties, p.properties as property_properties from sta_datastream d"
                + " join sta_observed_property p on p.id = d.observed_property_id";
        if (settings.defaultDays() <= 0) {
            // only datastreams or observed properties that state a retention can have one
            sql += " where d.properties like '%" + RetentionPolicy.RETENTION_DAYS + "%' or p.properties like '%"
                    + RetentionPolicy.RETENTION_DAYS + "%'";
        }
        return jdbc.sql(sql).query((rs, n) -> new Stream(rs.getLong("id"), rs.getString("properties"),
                rs.getString("property_properties"))).list();
    }

    private Instant latest(Kind kind, long streamId) {
        return jdbc.sql("select max(phenomenon_time_start) from sta_observation where " + kind.column() + " = ?")
                .param(streamId).query(OffsetDateTime.class).list().stream().filter(Objects::nonNull)
                .map(OffsetDateTime::toInstant).findFirst().orElse(null);
    }

    /** Deletes the (multi-)datastream's observations before the instant in bounded batches, each its own transaction. */
    private int purge(Kind kind, long streamId, Instant before) {
        OffsetDateTime cutoff = before.atOffset(ZoneOffset.UTC);
        int total = 0;
        int n;
        do {
            n = jdbc.sql("delete from sta_observation where id in (select id from sta_observation"
                            + " where " + kind.column() + " = ? and phenomenon_time_start < ? order by phenomenon_time_start"
                            + " fetch first " + settings.batchSize() + " rows only)")
                    .params(streamId, cutoff).update();
            total += n;
        } while (n >= settings.batchSize());
        if (total > 0) {
            // the (Multi)Datastream's phenomenonTime spans its stored observations
            jdbc.sql("update " + kind.table() + " set phenomenon_time_start = (select min(phenomenon_time_start)"
                    + " from sta_observation where " + kind.column() + " = ?) where id = ?").params(streamId, streamId)
                    .update();
        }
        return total;
    }

    private JsonNode properties(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
