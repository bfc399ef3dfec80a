package org.cityops.sensing.internal;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;
import org.cityops.sensing.DeviceLiveness;
import org.cityops.sensing.DeviceStatusChanged;
import org.cityops.sensing.SensedObservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Watches datastreams and MultiDatastreams that expect to report at an interval (see {@link LivenessPolicy}): a scheduled
 * scan publishes {@link DeviceStatusChanged} offline once for each that has been silent too long, and
 * the observation feed publishes online the moment an offline one speaks again. The judged status is
 * kept in {@code sta_stream_status}, so a restart repeats no event; after a restart every watched
 * datastream gets one full interval before it can be judged silent, since receipt times live only in
 * memory.
 */
@Component
class LivenessWatch implements DeviceLiveness {

    private static final Logger log = LoggerFactory.getLogger(LivenessWatch.class);

    /** What is known of one datastream; transitions of its status happen under its monitor. */
    static final class StreamState {
        final long datastreamId;
        /** Whether {@code datastreamId} is a MultiDatastream's. */
        final boolean multi;
        volatile long thingId;
        /** When the server last received an observation of it (or started watching it). */
        volatile Instant lastHeard;
        /** The phenomenon time of the latest observation received, for the event. */
        volatile Instant lastPhenomenon;
        /** Its expected interval; {@code null} when not watched. */
        volatile Duration interval;
        /** Whether an offline event stands (not yet followed by an online one). */
        volatile boolean offline;
        /** Changes whenever an observation is received, so a scan sees one that arrived while it judged. */
        volatile long heard;

        StreamState(long datastreamId) {
            this(datastreamId, false);
        }

        StreamState(long datastreamId, boolean multi) {
            this.datastreamId = datastreamId;
            this.multi = multi;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LivenessSettings settings;
    private final ObservationFeedHub feed;
    private final LatestValues latest;
    private final ObjectMapper json;
    private final Map<Long, StreamState> streams = new ConcurrentHashMap<>();
    private final Map<Long, StreamState> multis = new ConcurrentHashMap<>();

    LivenessWatch(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
                  Clock clock, LivenessSettings settings, ObservationFeedHub feed, LatestValues latest,
                  ObjectMapper json) {
        this.jdbc = jdbc;
        // a transaction of its own even when called from another one's after-commit callback (the ingest path)
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.feed = feed;
        this.latest = latest;
        this.json = json;
        feed.subscribe(this::heard);
        feed.subscribeEntities(this::heardMulti);
    }

    /** Reads the judged statuses and the watched datastreams, forgetting everything held in memory. */
    @EventListener(ApplicationReadyEvent.class)
    void reload() {
        streams.clear();
        multis.clear();
        restore("select datastream_id, thing_id, online from sta_stream_status", this::state);
        restore("select multi_datastream_id, thing_id, online from sta_multi_stream_status", this::multiState);
        watched();
    }

    /** Restores the stored status rows (stream id, Thing, online) of one kind of stream into memory. */
    private void restore(String sql, LongFunction<StreamState> stateOf) {
        jdbc.sql(sql).query((ResultSet rs) -> {
            StreamState s = stateOf.apply(rs.getLong(1));
            s.thingId = rs.getLong(2);
            s.offline = !rs.getBoolean(3);
        });
    }

    @Scheduled(fixedDelayString = "${cityops.sensing.liveness.scan-interval:1m}",
            initialDelayString = "${cityops.sensing.liveness.scan-interval:1m}")
    void scheduledScan() {
        scan();
    }

    /** Publishes offline for every watched datastream silent longer than its interval; returns how many. */
    int scan() {
        Instant now = clock.instant();
        int changed = 0;
        for (StreamState s : watched()) {
            if (s.lastHeard == null) {
                // first seen since start (or since it was created): it gets one whole interval
                s.lastHeard = now;
            }
            if (!s.offline && LivenessPolicy.silent(s.lastHeard, s.interval, now) && goOffline(s, now)) {
                changed++;
            }
        }
        return changed;
    }

    /** Returns whether the datastream is watched and online ({@code null} when not watched). */
    Boolean online(long datastreamId, JsonNode datastreamProperties) {
        if (LivenessPolicy.interval(datastreamProperties, settings.defaultInterval()) == null) {
            return null;
        }
        StreamState s = streams.get(datastreamId);
        return s == null || !s.offline;
    }

    /** Returns whether the MultiDatastream is watched and online ({@code null} when not watched). */
    Boolean onlineMulti(long multiDatastreamId, JsonNode properties) {
        if (LivenessPolicy.interval(properties, settings.defaultInterval()) == null) {
            return null;
        }
        StreamState s = multis.get(multiDatastreamId);
        return s == null || !s.offline;
    }

    @Override
    public DeviceCount count(Actor actor) {
        Map<Long, Boolean> things = new HashMap<>();
        Set<Long> hidden = new HashSet<>();
        for (StreamState s : all()) {
            if (s.interval == null || hidden.contains(s.thingId)) {
                continue;
            }
            Optional<ObservationFeedHub.StreamContext> c = s.multi ? feed.multiContext(s.datastreamId)
                    : feed.context(s.datastreamId);
            if (c.isEmpty()) {
                continue;
            }
            if (!visible(actor, c.get().departmentId(), c.get().location())) {
                hidden.add(s.thingId);
                continue;
            }
            things.merge(s.thingId, !s.offline, Boolean::logicalAnd);
        }
        int online = (int) things.values().stream().filter(Boolean::booleanValue).count();
        return new DeviceCount(things.size(), online, things.size() - online);
    }

    @Override
    public Optional<DevicePlace> place(long datastreamId) {
        return feed.context(datastreamId).map(c -> new DevicePlace(c.thingId(), c.thingType(), c.departmentId(),
                c.location()));
    }

    @Override
    public Optional<DevicePlace> place(DeviceStatusChanged event) {
        if (!event.multiDatastream()) {
            return place(event.datastreamId());
        }
        return feed.multiContext(event.datastreamId()).map(c -> new DevicePlace(c.thingId(), c.thingType(),
                c.departmentId(), c.location()));
    }

    private List<StreamState> all() {
        List<StreamState> out = new ArrayList<>(streams.values());
        out.addAll(multis.values());
        return out;
    }

    static boolean visible(Actor actor, Long departmentId, GridLocation l) {
        if (actor.unrestricted()) {
            return true;
        }
        if (actor.role().departmentScoped()) {
            return Objects.equals(actor.departmentId(), departmentId);
        }
        String code = actor.regionCode();
        return l != null && (code.equals(l.gridCode()) || code.equals(l.communityCode())
                || code.equals(l.streetCode()) || code.equals(l.districtCode()) || code.equals(l.cityCode()));
    }

    /** Notes the receipt of committed observations; an offline datastream that speaks goes online. O(1) each. */
    private void heard(List<SensedObservation> batch) {
        Instant now = clock.instant();
        for (SensedObservation o : batch) {
            StreamState s = state(o.datastreamId());
            s.thingId = o.thingId();
            s.lastHeard = now;
            s.heard++;
            if (o.phenomenonTime() != null && (s.lastPhenomenon == null || o.phenomenonTime().isAfter(s.lastPhenomenon))) {
                s.lastPhenomenon = o.phenomenonTime();
            }
            if (s.offline) {
                goOnline(s, now);
            }
        }
    }

    /** Notes the receipt of committed observations of MultiDatastreams (the feed's are Datastreams'). */
    private void heardMulti(List<Entity> batch) {
        Instant now = clock.instant();
        for (Entity o : batch) {
            Long id = o.links().get("MultiDatastream");
            if (id == null) {
                continue;
            }
            StreamState s = multiState(id);
            if (s.thingId == 0) {
                feed.multiContext(id).ifPresent(c -> s.thingId = c.thingId());
            }
            s.lastHeard = now;
            s.heard++;
            Instant phenomenon = o.values().get("phenomenonTime") instanceof TimeValue t
                    ? (t.end() != null ? t.end() : t.start()) : null;
            if (phenomenon != null && (s.lastPhenomenon == null || phenomenon.isAfter(s.lastPhenomenon))) {
                s.lastPhenomenon = phenomenon;
            }
            if (s.offline) {
                goOnline(s, now);
            }
        }
    }

    private StreamState state(long datastreamId) {
        return streams.computeIfAbsent(datastreamId, StreamState::new);
    }

    private StreamState multiState(long multiDatastreamId) {
        return multis.computeIfAbsent(multiDatastreamId, id -> new StreamState(id, true));
    }

    /** Reads every watched (multi-)datastream's interval and Thing; returns their states. */
    private List<StreamState> watched() {
        List<StreamState> out = new ArrayList<>(watched("sta_datastream", streams, this::state));
        out.addAll(watched("sta_multi_datastream", multis, this::multiState));
        return out;
    }

    private List<StreamState> watched(String table, Map<Long, StreamState> known,
                                      java.util.function.LongFunction<StreamState> state) {
        String sql = "select id, thing_id, properties from " + table;
        if (settings.defaultInterval().isZero()) {
            // only datastreams declaring an interval can be watched: let the database skip the rest
            sql += " where properties like '%" + LivenessPolicy.EXPECTED_INTERVAL + "%'";
        }
        Set<Long> seen = new HashSet<>();
        List<StreamState> out = jdbc.sql(sql).query((rs, n) -> {
            StreamState s = state.apply(rs.getLong("id"));
            s.thingId = rs.getLong("thing_id");
            s.interval = LivenessPolicy.interval(properties(rs.getString("properties")), settings.defaultInterval());
            seen.add(s.datastreamId);
            return s;
        }).list().stream().filter(s -> s.interval != null).toList();
        for (StreamState s : known.values()) {
            if (!seen.contains(s.datastreamId)) {
                s.interval = null;
            }
        }
        return out;
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

    private boolean goOffline(StreamState s, Instant now) {
        synchronized (s) {
            if (s.offline || !LivenessPolicy.silent(s.lastHeard, s.interval, now)) {
                return false;
            }
            long heardBefore = s.heard;
            Instant lastSeen = s.lastPhenomenon != null ? s.lastPhenomenon : latestPhenomenonTime(s);
            boolean changed = change(s, false, now, lastSeen);
            if (changed && s.heard != heardBefore) {
                // it spoke while being judged silent: it is back already
                change(s, true, now, s.lastPhenomenon);
            }
            return changed;
        }
    }

    private void goOnline(StreamState s, Instant now) {
        synchronized (s) {
            if (s.offline) {
                change(s, true, now, s.lastPhenomenon);
            }
        }
    }

    /** Stores the new status and publishes it in one transaction; on failure the status stays as it was. */
    private boolean change(StreamState s, boolean online, Instant now, Instant lastSeen) {
        try {
            tx.executeWithoutResult(t -> {
                store(s, online, now);
                events.publishEvent(new DeviceStatusChanged(s.thingId, s.datastreamId, online, now, lastSeen, s.multi));
            });
            s.offline = !online;
            return true;
        } catch (RuntimeException e) {
            log.warn("could not record datastream {} going {}; the next observation or scan tries again",
                    s.datastreamId, online ? "online" : "offline", e);
            return false;
        }
    }

    private void store(StreamState s, boolean online, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String table = s.multi ? "sta_multi_stream_status" : "sta_stream_status";
        String key = s.multi ? "multi_datastream_id" : "datastream_id";
        int updated = jdbc.sql("update " + table + " set thing_id = ?, online = ?, changed_at = ? where " + key + " = ?")
                .params(s.thingId, online, at, s.datastreamId).update();
        if (updated == 0) {
            jdbc.sql("insert into " + table + " (" + key + ", thing_id, online, changed_at) values (?, ?, ?, ?)")
                    .params(s.datastreamId, s.thingId, online, at).update();
        }
    }

    private Instant latestPhenomenonTime(StreamState s) {
        if (s.multi) {
            // the latest values in memory are kept for Datastreams only; this runs once per offline judgement
            return jdbc.sql("select max(phenomenon_time_start) from sta_observation where multi_datastream_id = ?")
                    .param(s.datastreamId).query(OffsetDateTime.class).list().stream().filter(Objects::nonNull)
                    .map(OffsetDateTime::toInstant).findFirst().orElse(null);
        }
        return latest.latest(s.datastreamId)
                .map(o -> (TimeValue) o.values().get("phenomenonTime"))
                .map(t -> t.end() != null ? t.end() : t.start())
                .orElse(null);
    }
}
