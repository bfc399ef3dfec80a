package org.cityops.screen.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live stream ({@code cityops.screen.stream.*}).
 *
 * @param replayBuffer       how many recent case, alert and device events are kept for reconnecting clients
 * @param clientQueue        how many events may wait for one client; a client that falls further behind is
 *                           dropped (it reconnects and resumes from its last event id)
 * @param maxClients         how many clients may be connected at once; more get 503
 * @param heartbeat          how often an idle stream gets a comment line, so proxies keep it open
 * @param observationInterval the least time between two values of one datastream on the stream
 * @param maxDuration        how long one connection lasts before the server ends it (the client resumes)
 * @param maxDatastreams     how many datastreams one client may subscribe to
 */
@ConfigurationProperties("cityops.screen.stream")
record LiveStreamSettings(@DefaultValue("10000") int replayBuffer,
                          @DefaultValue("1000") int clientQueue,
                          @DefaultValue("200") int maxClients,
                          @DefaultValue("15s") Duration heartbeat,
                          @DefaultValue("1s") Duration observationInterval,
                          @DefaultValue("1h") Duration maxDuration,
                          @DefaultValue("1000") int maxDatastreams) {
}
