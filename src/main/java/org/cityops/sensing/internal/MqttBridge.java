package org.cityops.sensing.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import org.cityops.platform.ProblemException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Client mode: CityOps subscribes (QoS 1, persistent session) to the SensorThings create topics
 * of an external broker (EMQX, Mosquitto) and stores what devices publish there. Each message is
 * acknowledged to the broker only once its observation committed (Paho manual acks), so the broker
 * redelivers what was not stored. A message refused for good (bad topic or payload, missing
 * datastream) is acknowledged after it is logged and counted: otherwise it would hold one of the
 * broker's in-flight slots for this session forever and, after a few, stop all delivery. At most
 * {@code max-in-flight} messages wait for their commit; the next one blocks Paho's delivery thread,
 * which stops reading from the broker.
 */
@Component
class MqttBridge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);

    private final MqttSettings settings;
    private final MqttIngest ingest;
    private final Semaphore inFlight;
    private volatile MqttClient client;

    MqttBridge(MqttSettings settings, MqttIngest ingest) {
        this.settings = settings;
        this.ingest = ingest;
        this.inFlight = new Semaphore(Math.max(1, settings.maxInFlight()));
    }

    /** Returns the topic filters subscribed to: {@code Observations} and {@code +/Observations} of both versions. */
    String[] topics() {
        String p = settings.client().topicPrefix();
        return new String[] {p + "v1.0/Observations", p + "v1.0/+/Observations", p + "v1.1/Observations",
                p + "v1.1/+/Observations"};
    }

    @Override
    public void start() {
        if (settings.mode() != MqttSettings.Mode.CLIENT) {
            return;
        }
        MqttSettings.Client c = settings.client();
        try {
            MqttClient mqtt = new MqttClient(c.url(), c.clientId(), new MemoryPersistence());
            mqtt.setManualAcks(true);
            mqtt.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (reconnect) {
                        subscribe(mqtt);
                    }
                    log.info("MQTT client mode: connected to {} as {}", serverURI, c.clientId());
                }

                @Override
                public void connectionLost(Throwable cause) {
                    log.warn("MQTT client mode: connection to {} lost; reconnecting", c.url(), cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                    arrived(mqtt, topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // CityOps publishes nothing to the external broker
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            // a persistent session: QoS 1 publishes sent while CityOps was down wait at the broker
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
            options.setMaxInflight(Math.max(10, settings.maxInFlight()));
            if (!c.username().isBlank()) {
                options.setUserName(c.username());
                options.setPassword(c.password().toCharArray());
            }
            mqtt.connect(options);
            subscribe(mqtt);
            client = mqtt;
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT client mode cannot connect to " + c.url()
                    + " (cityops.mqtt.client.*)", e);
        }
    }

    private void subscribe(MqttClient mqtt) {
        String[] topics = topics();
        try {
            mqtt.subscribe(topics, new int[] {1, 1, 1, 1});
        } catch (MqttException e) {
            log.warn("MQTT client mode: subscribing to {} failed", String.join(", ", topics), e);
        }
    }

    private void arrived(MqttClient mqtt, String topic, MqttMessage message) throws InterruptedException {
        String prefix = settings.client().topicPrefix();
        String sta = topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
        inFlight.acquire();
        int id = message.getId();
        int qos = message.getQos();
        ingest.accept(sta, message.getPayload(), null).whenComplete((observation, e) -> {
            inFlight.release();
            if (e != null) {
                ingest.refused("client mode", topic, e);
                if (mayStoreLater(e)) {
                    // still unstored after the retries: leave it to the broker to deliver again
                    return;
                }
            }
            try {
                mqtt.messageArrivedComplete(id, qos);
            } catch (MqttException x) {
                log.warn("MQTT client mode: acknowledging message {} failed; the broker will deliver it again", id, x);
            }
        });
    }

    /** Returns whether the failure may pass (capacity, an unexpected error) rather than being the message's fault. */
    private static boolean mayStoreLater(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof ProblemException.ServiceUnavailable || !(t instanceof ProblemException);
    }

    @Override
    public void stop() {
        MqttClient mqtt = client;
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.disconnect(5000);
            mqtt.close();
        } catch (MqttException e) {
            log.warn("MQTT client mode: disconnecting failed", e);
        }
        client = null;
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
