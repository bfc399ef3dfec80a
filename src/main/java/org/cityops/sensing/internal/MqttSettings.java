package org.cityops.sensing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MQTT settings ({@code cityops.mqtt.*}): the SensorThings MQTT extension served by an embedded
 * broker, or ingest from an external broker as its client.
 *
 * @param mode            {@code embedded} (the default: a broker in this process), {@code client} (subscribe to
 *                        an external broker's create topics) or {@code off}
 * @param host            the address the embedded broker listens on
 * @param port            the embedded broker's port; 0 picks a free one (tests)
 * @param maxConnections  the most connections the embedded broker holds; more are refused with "server unavailable"
 * @param maxInFlight     the most QoS 1 publishes of one client waiting for their commit; at this count the broker
 *                        stops reading the client's socket until an acknowledgement frees a slot
 * @param allowAnonymous  whether a client without username and password may connect (and write to any datastream)
 * @param maxMessageSize  the largest PUBLISH accepted, in bytes; a larger one closes the connection
 * @param serviceUrl      the public address of the HTTP API ({@code https://iot.example.org}) that {@code @iot.selfLink}s
 *                        in MQTT messages name; empty for {@code http://localhost:<server port>}
 * @param notifyQueue     the most entity changes waiting to be sent to subscribers; beyond it changes are dropped
 *                        (subscriptions are QoS 0) and counted
 * @param workers         threads that check publishes and hand them to the ingest (one more thread sends notifications)
 * @param client          the external broker used in client mode
 * @param tls             the embedded broker's MQTT over TLS listener ({@code mqtts}, conventionally 8883)
 * @param websocket       the embedded broker's MQTT over WebSocket listener ({@code ws://host:port/mqtt}, or
 *                        {@code wss} with {@code tls}'s key)
 */
@ConfigurationProperties("cityops.mqtt")
record MqttSettings(@DefaultValue("embedded") Mode mode,
                    @DefaultValue("0.0.0.0") String host,
                    @DefaultValue("1883") int port,
                    @DefaultValue("20000") int maxConnections,
                    @DefaultValue("16") int maxInFlight,
                    @DefaultValue("false") boolean allowAnonymous,
                    @DefaultValue("65536") int maxMessageSize,
                    @DefaultValue("") String serviceUrl,
                    @DefaultValue("10000") int notifyQueue,
                    @DefaultValue("4") int workers,
                    @DefaultValue Client client,
                    @DefaultValue Tls tls,
                    @DefaultValue WebSocket websocket) {

    /** Where MQTT comes from. */
    enum Mode { EMBEDDED, CLIENT, OFF }

    /**
     * The external broker of client mode.
     *
     * @param url         the broker ({@code tcp://emqx:1883}, {@code ssl://…})
     * @param username    the username to connect with, empty for none
     * @param password    the password to connect with
     * @param clientId    the client id; the session is persistent, so QoS 1 publishes sent while CityOps was down
     *                    are delivered when it reconnects
     * @param topicPrefix put before the SensorThings topics ({@code city/} subscribes to {@code city/v1.1/Observations})
     */
    record Client(@DefaultValue("tcp://localhost:1883") String url,
                  @DefaultValue("") String username,
                  @DefaultValue("") String password,
                  @DefaultValue("cityops-ingest") String clientId,
                  @DefaultValue("") String topicPrefix) {
    }

    /**
     * MQTT over TLS. The key and certificate come from a PKCS#12 key store, or from PEM files.
     *
     * @param port             the port; -1 (the default) switches it off, 0 picks a free one (tests)
     * @param keyStore         a PKCS#12 file with the server's key and certificate chain
     * @param keyStorePassword its password
     * @param certificate      instead of a key store: the PEM certificate chain file
     * @param privateKey       and the PEM private key file
     */
    record Tls(@DefaultValue("-1") int port,
               @DefaultValue("") String keyStore,
               @DefaultValue("") String keyStorePassword,
               @DefaultValue("") String certificate,
               @DefaultValue("") String privateKey) {
    }

    /**
     * MQTT over WebSocket, for browsers and gateways that only speak HTTP(S).
     *
     * @param port the port; -1 (the default) switches it off, 0 picks a free one (tests); the path is {@code /mqtt}
     * @param tls  whether it is served over TLS ({@code wss}) with the key of {@code cityops.mqtt.tls}
     */
    record WebSocket(@DefaultValue("-1") int port,
                     @DefaultValue("false") boolean tls) {
    }
}
