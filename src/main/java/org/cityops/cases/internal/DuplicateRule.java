package org.cityops.cases.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a new report repeats an open case: same subclass, within a distance and a time
 * window. The database narrows candidates with a box; the exact distance is computed here.
 *
 * @param maxDistanceMeters greatest distance between the two reports' points
 * @param window            longest time between the open case's report and the new one
 */
record DuplicateRule(double maxDistanceMeters, Duration window) {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** A lon/lat box holding every point within the distance of the centre. */
    record Box(double minLon, double maxLon, double minLat, double maxLat) {
    }

    /** An open case the new report may repeat. */
    record Candidate(long id, double longitude, double latitude, Instant reportedAt) {
    }

    DuplicateRule {
        if (!(maxDistanceMeters > 0)) {
            throw new IllegalArgumentException("duplicate distance must be positive, was " + maxDistanceMeters);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate window must be positive, was " + window);
        }
    }

    /** Returns the box around the point that the pre-filter searches (slightly larger than the circle). */
    Box box(double longitude, double latitude) {
        double dLat = Math.toDegrees(maxDistanceMeters / EARTH_RADIUS_METERS) * 1.01;
        double cos = Math.cos(Math.toRadians(Math.min(89.0, Math.abs(latitude) + dLat)));
        double dLon = Math.min(180.0, dLat / Math.max(cos, 1e-6));
        return new Box(longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat);
    }

    /** Returns the earliest moment an open case may have been reported to be repeated now. */
    Instant since(Instant now) {
        return now.minus(window);
    }

    /** Returns the nearest candidate within the distance and window, the earlier case on a tie. */
    Optional<Candidate> nearest(double longitude, double latitude, Instant now, List<Candidate> candidates) {
        Instant since = since(now);
        return candidates.stream()
                .filter(c -> !c.reportedAt().isBefore(since))
                .filter(c -> distanceMeters(longitude, latitude, c.longitude(), c.latitude()) <= maxDistanceMeters)
                .min(Comparator.<Candidate>comparingDouble(c -> distanceMeters(longitude, latitude, c.longitude(),
                        c.latitude())).thenComparing(Candidate::reportedAt).thenComparingLong(Candidate::id));
    }

    /** Returns the great-circle distance in metres between two WGS 84 points (haversine). */
    static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
