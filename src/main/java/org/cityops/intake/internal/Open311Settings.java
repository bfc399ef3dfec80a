package org.cityops.intake.internal;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open311 GeoReport v2 settings ({@code cityops.open311.*}).
 *
 * @param jurisdictionId the jurisdiction this endpoint serves; requests naming another get 404
 * @param zone           time zone of the times in responses (ISO 8601 with this zone's offset)
 * @param maxRequests    most service requests one search returns
 */
@ConfigurationProperties("cityops.open311")
record Open311Settings(@DefaultValue("cityops.local") String jurisdictionId,
                       @DefaultValue("Asia/Shanghai") String zone,
                       @DefaultValue("1000") int maxRequests) {

    Open311Settings {
        ZoneId.of(zone);
        if (maxRequests < 1) {
            throw new IllegalArgumentException("cityops.open311.max-requests must be positive, was " + maxRequests);
        }
    }

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
