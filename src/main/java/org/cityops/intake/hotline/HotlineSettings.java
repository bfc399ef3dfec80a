package org.cityops.intake.hotline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hotline settings ({@code cityops.hotline.*}).
 *
 * @param pageSizeMax      largest page of the work order list
 * @param figuresPeriodMax longest period the figures are computed over in one request
 * @param orderNoPrefix    prefix of work order numbers (then yyyyMMdd in Beijing time and the id)
 */
@ConfigurationProperties("cityops.hotline")
record HotlineSettings(@DefaultValue("200") int pageSizeMax,
                       @DefaultValue("400d") Duration figuresPeriodMax,
                       @DefaultValue("RX") String orderNoPrefix) {
}
