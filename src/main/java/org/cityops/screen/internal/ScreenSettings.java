package org.cityops.screen.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console ({@code cityops.screen.*}).
 *
 * @param tileUrl         an optional map tile layer URL template ({@code {z}/{x}/{y}}, e.g. 天地图); empty: the
 *                        map shows only the city's own boundaries and needs no internet
 * @param tileAttribution the attribution the tile provider requires
 * @param city            the city division the screen opens on for city-wide viewers; empty: the first city
 * @param refresh         how often the city screen reloads its figures
 */
@ConfigurationProperties("cityops.screen")
record ScreenSettings(@DefaultValue("") String tileUrl,
                      @DefaultValue("") String tileAttribution,
                      @DefaultValue("") String city,
                      @DefaultValue("60s") Duration refresh) {
}
