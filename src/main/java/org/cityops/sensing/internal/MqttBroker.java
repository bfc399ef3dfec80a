package org.cityops.sensing.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The embedded MQTT broker (Vert.x MQTT server on Netty) serving the SensorThings MQTT extension:
 * devices create Observations by PUBLISH, clients SUBSCRIBE to entity sets, entities and
 * properties. It is not a general-purpose broker: only SensorThings topics are served.
 *
 * <p>Acknowledged means durable: a QoS 1 PUBACK (QoS 2 PUBREC) is sent only when the observation
 * committed. A refused publish is logged, counted and not acknowledged (an MQTT 5 client gets a
 * PUBACK with a failure reason code instead, as that version allows). A client with
 * {@code max-in-flight} publishes waiting for their commit is no longer read from until one
 * completes: back-pressure reaches the device through TCP instead of growing a queue here.
 */
@Component
class MqttBroker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttBroker.class);

    /**
     * The endpoint's socket, to pause reading while a client is at its in-flight limit: the Vert.x
     * MQTT endpoint does not expose pause/resume, its socket does.
     */
    private static final Field SOCKET = socketField();

    private final MqttSettings settings;
    private final DeviceCredentials credentials;
    private final MqttIngest ingest;
    private final MqttSubscriptions subscriptions;
    private final ConfigurableEnvironment environment;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Long, Set<Connection>> byCredential = new ConcurrentHashMap<>();
    private volatile Vertx vertx;
    private volatile List<MqttServer> servers = List.of();
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    private volatile int webSocketPort = -1;

    MqttBroker(MqttSettings settings, DeviceCredentials credentials, MqttIngest ingest, MqttSubscriptions subscriptions,
               MeterRegistry meters, ConfigurableEnvironment environment) {
        this.settings = settings;
        this.environment = environment;
        this.credentials = credentials;
        this.ingest = ingest;
        this.subscriptions = subscriptions;
        meters.gauge("cityops.mqtt.connections", connections);
        credentials.onDeactivation(c -> byCredential.getOrDefault(c.id(), Set.of()).forEach(Connection::close));
    }

    /** Returns the port the broker listens on, or -1 when it is not running. */
    int port() {
        return port;
    }

    /** Returns the port of MQTT over TLS, or -1 when that listener is off. */
    int tlsPort() {
        return tlsPort;
    }

    /** Returns the port of MQTT over WebSocket (path {@code /mqtt}), or -1 when that listener is off. */
    int webSocketPort() {
        return webSocketPort;
    }

    /** Returns whether the WebSocket listener is served over TLS ({@code wss}). */
    boolean webSocketTls() {
        return settings.websocket().tls();
    }

    /** Returns the number of connected clients. */
    int connections() {
        return connections.get();
    }

    @Override
    public void start() {
        if (settings.mode() != MqttSettings.Mode.EMBEDDED) {
            return;
        }
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx v = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(4)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        List<MqttServer> started = new ArrayList<>();
        try {
            started.add(listen(v, options(settings.port(), false, false), "MQTT", "cityops.mqtt.port"));
            if (settings.tls().port() >= 0) {
                started.add(listen(v, options(settings.tls().port(), true, false), "MQTT over TLS",
                        "cityops.mqtt.tls.port"));
            }
            if (settings.websocket().port() >= 0) {
                started.add(listen(v, options(settings.websocket().port(), settings.websocket().tls(), true),
                        "MQTT over WebSocket", "cityops.mqtt.websocket.port"));
            }
        } catch (RuntimeException e) {
            started.forEach(MqttServer::close);
            v.close();
            throw e;
        }
        vertx = v;
        servers = List.copyOf(started);
        port = started.get(0).actualPort();
        tlsPort = settings.tls().port() >= 0 ? started.get(1).actualPort() : -1;
        webSocketPort = settings.websocket().port() >= 0 ? started.get(started.size() - 1).actualPort() : -1;
        // like local.server.port: tells tools and benchmarks that started the application on port 0 where it is
        environment.getPropertySources().addFirst(new MapPropertySource("cityops-mqtt", Map.of("local.mqtt.port", port,
                "local.mqtt.tls.port", tlsPort, "local.mqtt.websocket.port", webSocketPort)));
        log.info("MQTT broker (SensorThings MQTT extension) listening on {}:{}{}{}, anonymous clients {}",
                settings.host(), port, tlsPort < 0 ? "" : ", mqtts on " + tlsPort,
                webSocketPort < 0 ? "" : ", WebSocket (/mqtt) on " + webSocketPort,
                settings.allowAnonymous() ? "allowed" : "refused");
    }

    private MqttServerOptions options(int listenPort, boolean tls, boolean webSocket) {
        MqttServerOptions options = new MqttServerOptions().setHost(settings.host()).setPort(listenPort)
                .setMaxMessageSize(settings.maxMessageSize()).setTimeoutOnConnect(30);
        if (webSocket) {
            options.setUseWebSocket(true);
        }
        if (tls) {
            MqttSettings.Tls t = settings.tls();
            if (!t.keyStore().isBlank()) {
                options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(t.keyStore())
                        .setPassword(t.keyStorePassword()));
            } else if (!t.certificate().isBlank() && !t.privateKey().isBlank()) {
                options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(t.certificate())
                        .setKeyPath(t.privateKey()));
            } else {
                throw new IllegalStateException("MQTT over TLS needs a key: cityops.mqtt.tls.key-store (PKCS#12) "
                        + "and key-store-password, or cityops.mqtt.tls.certificate and private-key (PEM files)");
            }
        }
        return options;
    }

    private MqttServer listen(Vertx v, MqttServerOptions options, String what, String setting) {
        MqttServer s = MqttServer.create(v, options).endpointHandler(this::connect)
                .exceptionHandler(e -> log.debug("MQTT connection failed", e));
        try {
            s.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("The " + what + " listener cannot start on " + settings.host() + ":"
                    + options.getPort() + " (" + setting + "; 0 picks a free port, cityops.mqtt.mode=off switches "
                    + "the broker off): " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    @Override
    public void stop() {
        Vertx v = vertx;
        if (v == null) {
            return;
        }
        try {
            for (MqttServer s : servers) {
                s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("MQTT broker did not stop cleanly", e);
        }
        vertx = null;
        servers = List.of();
        port = -1;
        tlsPort = -1;
        webSocketPort = -1;
    }

    @Override
    public boolean isRunning() {
        return vertx != null;
    }

    @Override
    public int getPhase() {
        // start after the web server and stop before it, like the other inbound paths
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    private void connect(MqttEndpoint endpoint) {
        boolean v5 = endpoint.protocolVersion() == 5;
        if (connections.get() >= settings.maxConnections()) {
            endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        MqttAuth auth = endpoint.auth();
        if (auth == null || auth.getUsername() == null) {
            if (settings.allowAnonymous()) {
                accept(endpoint, null);
            } else {
                log.info("MQTT client {} from {} refused: no username and password", endpoint.clientIdentifier(),
                        endpoint.remoteAddress());
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            }
            return;
        }
        vertx.executeBlocking(() -> credentials.byMqtt(auth.getUsername(), auth.getPassword()), false)
                .onComplete(r -> {
                    if (r.succeeded() && r.result().isPresent()) {
                        accept(endpoint, r.result().get());
                    } else {
                        log.info("MQTT client {} from {} refused: wrong username or password for '{}'",
                                endpoint.clientIdentifier(), endpoint.remoteAddress(), auth.getUsername());
                        endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                    }
                });
    }

    private void accept(MqttEndpoint endpoint, Device device) {
        Connection c = new Connection(endpoint, Vertx.currentContext(), device);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(c::publish);
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(c::subscribe);
        endpoint.unsubscribeHandler(c::unsubscribe);
        endpoint.exceptionHandler(e -> log.debug("MQTT client {} failed", endpoint.clientIdentifier(), e));
        endpoint.closeHandler(v -> c.closed());
        connections.incrementAndGet();
        if (device != null) {
            byCredential.computeIfAbsent(device.credentialId(), k -> ConcurrentHashMap.newKeySet()).add(c);
        }
        endpoint.accept(false);
    }

    /** One connected client: its in-flight publishes and its subscriptions. Confined to its event loop. */
    private final class Connection implements MqttSubscriber {
        private final MqttEndpoint endpoint;
        private final Context context;
        private final Device device;
        private final NetSocket socket;
        private int inFlight;
        private boolean paused;
        private boolean open = true;

        Connection(MqttEndpoint endpoint, Context context, Device device) {
            this.endpoint = endpoint;
            this.context = context;
            this.device = device;
            this.socket = socketOf(endpoint);
        }

        void publish(MqttPublishMessage message) {
            MqttQoS qos = message.qosLevel();
            int id = message.messageId();
            String topic = message.topicName();
            byte[] payload = message.payload().getBytes();
            if (qos != MqttQoS.AT_MOST_ONCE) {
                inFlight++;
                if (inFlight >= settings.maxInFlight() && !paused && socket != null) {
                    paused = true;
                    socket.pause();
                }
            }
            ingest.accept(topic, payload, device).whenComplete((observation, e) ->
                    context.runOnContext(v -> done(qos, id, topic, e)));
        }

        private void done(MqttQoS qos, int id, String topic, Throwable e) {
            if (qos != MqttQoS.AT_MOST_ONCE) {
                inFlight--;
                if (paused && inFlight < settings.maxInFlight()) {
                    paused = false;
                    socket.resume();
                }
            }
            if (e != null) {
                ingest.refused(who(), topic, e);
            }
            if (!open || qos == MqttQoS.AT_MOST_ONCE) {
                return;
            }
            boolean v5 = endpoint.protocolVersion() == 5;
            if (e == null) {
                if (qos == MqttQoS.AT_LEAST_ONCE) {
                    endpoint.publishAcknowledge(id);
                } else {
                    endpoint.publishReceived(id);
                }
            } else if (v5) {
                int status = status(e);
                if (qos == MqttQoS.AT_LEAST_ONCE) {
                    endpoint.publishAcknowledge(id, status == 403 ? MqttPubAckReasonCode.NOT_AUTHORIZED
                            : status == 400 ? MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID
                            : status == 503 ? MqttPubAckReasonCode.QUOTA_EXCEEDED
                            : MqttPubAckReasonCode.UNSPECIFIED_ERROR, MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishReceived(id, status == 403 ? MqttPubRecReasonCode.NOT_AUTHORIZED
                            : status == 400 ? MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID
                            : MqttPubRecReasonCode.UNSPECIFIED_ERROR, MqttProperties.NO_PROPERTIES);
                }
            }
        }

        void subscribe(MqttSubscribeMessage message) {
            List<MqttQoS> granted = new ArrayList<>();
            for (MqttTopicSubscription s : message.topicSubscriptions()) {
                try {
                    subscriptions.add(MqttTopics.subscription(s.topicName()), this);
                    // notifications are sent at most once: a subscriber that misses one reads the state over HTTP
                    granted.add(MqttQoS.AT_MOST_ONCE);
                } catch (IllegalArgumentException e) {
                    log.info("MQTT client {} may not subscribe to {}: {}", who(), s.topicName(), e.getMessage());
                    granted.add(MqttQoS.FAILURE);
                }
            }
            endpoint.subscribeAcknowledge(message.messageId(), granted);
        }

        void unsubscribe(MqttUnsubscribeMessage message) {
            message.topics().forEach(t -> subscriptions.remove(t, this));
            endpoint.unsubscribeAcknowledge(message.messageId());
        }

        @Override
        public boolean deliver(String topic, byte[] payload) {
            if (socket != null && socket.writeQueueFull()) {
                return false;
            }
            context.runOnContext(v -> {
                if (open) {
                    endpoint.publish(topic, Buffer.buffer(payload), MqttQoS.AT_MOST_ONCE, false, false);
                }
            });
            return true;
        }

        void close() {
            context.runOnContext(v -> {
                if (open) {
                    log.info("MQTT client {} disconnected: its credential was deactivated", who());
                    endpoint.close();
                }
            });
        }

        void closed() {
            if (!open) {
                return;
            }
            open = false;
            connections.decrementAndGet();
            subscriptions.removeAll(this);
            if (device != null) {
                Set<Connection> set = byCredential.get(device.credentialId());
                if (set != null) {
                    set.remove(this);
                }
            }
        }

        private String who() {
            return "'" + endpoint.clientIdentifier() + "'" + (device == null ? "" : " (device " + device.name() + ")");
        }
    }

    private static int status(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof ProblemException p ? p.status() : 500;
    }

    private static Field socketField() {
        try {
            Field f = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(MqttBroker.class).warn("MQTT back-pressure unavailable: this Vert.x MQTT version "
                    + "hides the endpoint's socket; clients are limited by their own in-flight window only", e);
            return null;
        }
    }

    private static NetSocket socketOf(MqttEndpoint endpoint) {
        try {
            // a WebSocket connection has no NetSocket: its client is limited by its own in-flight window only
            return SOCKET != null && SOCKET.get(endpoint) instanceof NetSocket socket ? socket : null;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return null;
        }
    }
}
