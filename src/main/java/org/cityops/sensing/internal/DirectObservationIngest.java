package org.cityops.sensing.internal;

import java.util.concurrent.CompletableFuture;

import org.cityops.platform.ProblemException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Stores each observation in its own transaction on the caller's thread. */
@Component
class DirectObservationIngest implements ObservationIngest {

    private final StaWrites writes;

    DirectObservationIngest(StaWrites writes) {
        this.writes = writes;
    }

    @Override
    public CompletableFuture<Long> submit(JsonNode body, StaWrites.Parent parent) {
        try {
            return CompletableFuture.completedFuture(writes.create(EntityType.OBSERVATION, body, parent));
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
