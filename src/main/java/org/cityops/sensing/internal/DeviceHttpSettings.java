package org.cityops.sensing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The device ingest port ({@code cityops.sensing.device-http.*}): a second, small HTTP listener
 * that only creates Observations, for devices and gateways that post over HTTP. It serves the same
 * SensorThings paths and rules as the main port's {@code POST /sta/...} for Observations (see
 * docs/sensorthings.md), without the web framework around them, and can be exposed to the device
 * network while the management API stays inside.
 *
 * @param port       the port; -1 (the default) switches the listener off, 0 picks a free port (tests)
 * @param host       the address it listens on
 * @param workers    threads that check requests and hand them to the ingest; their queue is bounded, a request
 *                   that finds it full is answered 503 with Retry-After
 * @param serviceUrl the public address of the main HTTP API ({@code https://iot.example.org}) that
 *                   {@code @iot.selfLink}s and {@code Location} name; empty for the request's host on the main
 *                   server port
 */
@ConfigurationProperties("cityops.sensing.device-http")
record DeviceHttpSettings(@DefaultValue("-1") int port,
                          @DefaultValue("0.0.0.0") String host,
                          @DefaultValue("4") int workers,
                          @DefaultValue("") String serviceUrl) {
}
