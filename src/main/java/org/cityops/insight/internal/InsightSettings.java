package org.cityops.insight.internal;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the figures ({@code cityops.insight.*}).
 *
 * @param zone          the time zone whose days and months the figures use
 * @param maxDays       the longest period one request may ask for, in days
 * @param trendDays     the days a trend shows when no period is given
 * @param topCategories how many categories the top list shows by default
 */
@ConfigurationProperties("cityops.insight")
record InsightSettings(@DefaultValue("Asia/Shanghai") ZoneId zone,
                       @DefaultValue("400") int maxDays,
                       @DefaultValue("30") int trendDays,
                       @DefaultValue("10") int topCategories) {
}
