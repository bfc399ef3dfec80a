package org.cityops.sensing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and deactivates device credentials, and authenticates devices by API key or
 * MQTT username and password. Stores only hashes of the secrets.
 */
@Service
class DeviceCredentials {

    /**
     * How long an active API key is trusted without asking the database again. A deactivation on
     * this node takes effect at once; one made on another node of a cluster within this time.
     */
    static final long KEY_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_KNOWN_KEYS = 100_000;

    private static final String COLUMNS = """
            id, name, integration, api_key_prefix, mqtt_username, active, created_at, created_by, deactivated_at,
            deactivated_by FROM sensing_device_credential""";

    private final JdbcClient jdbc;
    private final StaStore store;
    private final Clock clock;
    private final List<Consumer<CredentialRecord>> deactivationListeners = new CopyOnWriteArrayList<>();
    /** Active API keys recently seen, by hash: a device posting every second costs no query. */
    private final Map<String, KnownKey> knownKeys = new ConcurrentHashMap<>();

    /** A device's key found active at {@code checkedAt} ({@link System#nanoTime()}). */
    private record KnownKey(Device device, long checkedAt) {
    }

    DeviceCredentials(JdbcClient jdbc, StaStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    /** A stored credential without its secrets. */
    record CredentialRecord(long id, String name, String integration, List<Long> thingIds, String apiKeyPrefix,
                            String mqttUsername, boolean active, Instant createdAt, String createdBy,
                            Instant deactivatedAt, String deactivatedBy) {
    }

    /** A newly issued credential with its secrets, shown this once and never stored. */
    record Issued(CredentialRecord record, String apiKey, String mqttPassword) {
    }

    /** Registers a listener told of each deactivation (the broker closes the device's connections). */
    void onDeactivation(Consumer<CredentialRecord> listener) {
        deactivationListeners.add(listener);
    }

    @Transactional
    Issued issue(DeviceCredentialDraft draft, Actor by) {
        List<ProblemException.FieldError> errors = draft.problems(id -> store.exists(EntityType.THING, id));
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("The device credential is not valid: "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList(), errors);
        }
        if (count("name", draft.name()) > 0) {
            throw new ProblemException.Conflict("A device credential named '" + draft.name() + "' exists already");
        }
        String username = draft.effectiveMqttUsername();
        if (username != null && count("mqtt_username", username) > 0) {
            throw new ProblemException.Conflict("The MQTT username '" + username + "' is taken");
        }
        String key = draft.apiKey() ? DeviceSecrets.newKey() : null;
        String password = draft.mqtt() ? DeviceSecrets.newPassword() : null;
        jdbc.sql("""
                INSERT INTO sensing_device_credential (name, integration, api_key_hash, api_key_prefix, mqtt_username,
                                                       mqtt_password_hash, active, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)""")
                .params(draft.name(), draft.integration().strip(), key == null ? null : DeviceSecrets.hash(key),
                        key == null ? null : DeviceSecrets.displayPrefix(key), username,
                        password == null ? null : DeviceSecrets.hash(password),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), by.username())
                .update();
        long id = idOf(draft.name());
        for (long thing : new LinkedHashSet<>(draft.thingIds())) {
            jdbc.sql("INSERT INTO sensing_device_credential_thing (credential_id, thing_id) VALUES (?, ?)")
                    .params(id, thing).update();
        }
        return new Issued(find(id).orElseThrow(), key, password);
    }

    @Transactional(readOnly = true)
    List<CredentialRecord> list(Boolean active) {
        List<CredentialRecord> all = jdbc.sql("SELECT " + COLUMNS + " ORDER BY id").query(this::map).list();
        return active == null ? all : all.stream().filter(c -> c.active() == active).toList();
    }

    @Transactional(readOnly = true)
    Optional<CredentialRecord> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Deactivates the credential (kept, no longer authenticating); deactivating an inactive one changes nothing. */
    CredentialRecord deactivate(long id, Actor by) {
        int changed = jdbc.sql("""
                UPDATE sensing_device_credential SET active = FALSE, deactivated_at = ?, deactivated_by = ?
                WHERE id = ? AND active = TRUE""")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), by.username(), id).update();
        CredentialRecord c = find(id).orElseThrow(() -> new ProblemException.NotFound("No device credential " + id));
        if (changed > 0) {
            knownKeys.values().removeIf(k -> k.device().credentialId() == id);
            deactivationListeners.forEach(l -> l.accept(c));
        }
        return c;
    }

    /** Returns the device an active API key belongs to; empty for an unknown or deactivated key. */
    Optional<Device> byApiKey(String key) {
        return byApiKey(key, false);
    }

    /**
     * As {@link #byApiKey(String)}; with {@code cachedOnly} from the keys checked recently alone,
     * throwing {@link NotCached} when the database would have to be asked.
     */
    Optional<Device> byApiKey(String key, boolean cachedOnly) {
        if (key == null || !key.startsWith(DeviceSecrets.KEY_PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        String hash = DeviceSecrets.hash(key);
        long now = System.nanoTime();
        KnownKey known = knownKeys.get(hash);
        if (known != null && now - known.checkedAt() < KEY_RECHECK_NANOS) {
            return Optional.of(known.device());
        }
        if (cachedOnly) {
            throw NotCached.INSTANCE;
        }
        Optional<Device> device = jdbc.sql(
                        "SELECT id, name FROM sensing_device_credential WHERE api_key_hash = ? AND active = TRUE")
                .param(hash)
                .query((rs, n) -> new Device(rs.getLong("id"), rs.getString("name"), things(rs.getLong("id"))))
                .optional();
        if (device.isEmpty()) {
            knownKeys.remove(hash);
        } else {
            if (knownKeys.size() >= MAX_KNOWN_KEYS) {
                knownKeys.clear();
            }
            knownKeys.put(hash, new KnownKey(device.get(), now));
        }
        return device;
    }

    /** Returns the device of active MQTT credentials; empty for an unknown username, a wrong password or a deactivated one. */
    Optional<Device> byMqtt(String username, String password) {
        if (username == null || password == null || username.length() > 64) {
            return Optional.empty();
        }
        record Login(long id, String name, String passwordHash) {
        }
        return jdbc.sql("""
                SELECT id, name, mqtt_password_hash FROM sensing_device_credential
                WHERE mqtt_username = ? AND active = TRUE""").param(username)
                .query((rs, n) -> new Login(rs.getLong("id"), rs.getString("name"), rs.getString("mqtt_password_hash")))
                .optional()
                .filter(l -> DeviceSecrets.matches(password, l.passwordHash()))
                .map(l -> new Device(l.id(), l.name(), things(l.id())));
    }

    private Set<Long> things(long credentialId) {
        return Set.copyOf(jdbc.sql("SELECT thing_id FROM sensing_device_credential_thing WHERE credential_id = ?")
                .param(credentialId).query(Long.class).list());
    }

    private long count(String column, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM sensing_device_credential WHERE " + column + " = ?").param(value)
                .query(Long.class).single();
    }

    private long idOf(String name) {
        return jdbc.sql("SELECT id FROM sensing_device_credential WHERE name = ?").param(name).query(Long.class).single();
    }

    private CredentialRecord map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        OffsetDateTime deactivated = rs.getObject("deactivated_at", OffsetDateTime.class);
        List<Long> thingIds = jdbc.sql("""
                SELECT thing_id FROM sensing_device_credential_thing WHERE credential_id = ? ORDER BY thing_id""")
                .param(id).query(Long.class).list();
        return new CredentialRecord(id, rs.getString("name"), rs.getString("integration"), thingIds,
                rs.getString("api_key_prefix"), rs.getString("mqtt_username"), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                deactivated == null ? null : deactivated.toInstant(), rs.getString("deactivated_by"));
    }
}
