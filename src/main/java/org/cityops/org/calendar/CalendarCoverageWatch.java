package org.cityops.org.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Watches that the working calendar holds the years deadlines need ({@link CalendarCoverage}):
 * answers {@code GET /api/v1/calendar/coverage}, publishes the gauge
 * {@code cityops.calendar.years.missing} (alert on it being above 0) and logs a warning on start
 * and once a day while a needed year is missing.
 */
@Component
class CalendarCoverageWatch implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CalendarCoverageWatch.class);

    private final CalendarStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration notice;
    private final MeterRegistry meters;
    private final ObjectProvider<TaskScheduler> scheduler;

    CalendarCoverageWatch(CalendarStore store, CalendarSettings settings, Clock clock, MeterRegistry meters,
                          ObjectProvider<TaskScheduler> scheduler) {
        this.store = store;
        this.clock = clock;
        this.zone = ZoneId.of(settings.zone());
        this.notice = settings.nextYearNotice();
        this.meters = meters;
        this.scheduler = scheduler;
    }

    /** Returns the coverage today, in the calendar's zone. */
    CalendarCoverage coverage() {
        return CalendarCoverage.of(LocalDate.ofInstant(clock.instant(), zone), store.years(), notice);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Gauge.builder("cityops.calendar.years.missing", () -> coverage().missing())
                .description("Years the working calendar needs and does not hold: the current one, and the next "
                        + "within cityops.calendar.next-year-notice of the year's end")
                .register(meters);
        scheduler.ifAvailable(s -> s.scheduleWithFixedDelay(this::warnIfMissing, Duration.ofDays(1)));
    }

    /** Logs the warning, if any. */
    void warnIfMissing() {
        String warning = coverage().warning();
        if (warning != null) {
            log.warn("Working calendar: {}", warning);
        }
    }
}
