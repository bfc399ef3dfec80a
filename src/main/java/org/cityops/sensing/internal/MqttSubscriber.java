package org.cityops.sensing.internal;

/** A client of the SensorThings MQTT subscriptions (an embedded-broker connection). */
interface MqttSubscriber {

    /**
     * Sends a message to the client (QoS 0) without blocking; returns {@code false} when it was
     * dropped because the client does not read fast enough.
     */
    boolean deliver(String topic, byte[] payload);
}
