package org.cityops.sensing.internal;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

/**
 * The entry for observations arriving from devices (HTTP POST, Data Array rows, MQTT publishes).
 * The returned future completes with the new Observation's {@code @iot.id} only after the
 * observation is committed, so an acknowledgement sent on completion means durable; it completes
 * exceptionally with a {@link org.cityops.platform.ProblemException} when the observation is
 * refused (400/404; 503 with a retry delay when ingest is at capacity or the database failed;
 * 409 when a constraint refused it at commit, e.g. its Datastream was deleted while it was queued).
 */
interface ObservationIngest {

    /**
     * Accepts one observation: {@code body} is the SensorThings Observation JSON, {@code parent} the
     * Datastream or MultiDatastream it was posted under ({@code null} when the body links it itself).
     */
    CompletableFuture<Long> submit(JsonNode body, StaWrites.Parent parent);
}
