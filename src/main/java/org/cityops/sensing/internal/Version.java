package org.cityops.sensing.internal;

import java.util.Arrays;
import java.util.Optional;

/** The SensorThings API versions served, by their path segment. */
enum Version {
    V1_0("v1.0"),
    V1_1("v1.1");

    private final String segment;

    Version(String segment) {
        this.segment = segment;
    }

    /** Returns the path segment ({@code v1.1}). */
    String segment() {
        return segment;
    }

    /** Returns the version with the path segment. */
    static Optional<Version> of(String segment) {
        return Arrays.stream(values()).filter(v -> v.segment.equals(segment)).findFirst();
    }
}
