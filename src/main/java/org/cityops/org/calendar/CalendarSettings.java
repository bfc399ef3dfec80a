package org.cityops.org.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Working calendar settings ({@code cityops.calendar.*}).
 *
 * @param zone            zone working periods are read in
 * @param workingPeriods  working periods of every working day, {@code HH:mm-HH:mm}
 * @param workdays        weekdays normally worked; holidays and make-up workdays override them per date
 * @param defaultCalendar classpath resource with the national arrangement loaded when no year is stored yet
 * @param nextYearNotice  how long before a year ends the next year's arrangement is expected
 *                        ({@link CalendarCoverage}; the State Council publishes it in the autumn)
 * @param check           how often the stored years' revisions are read, so that a year imported on
 *                        another node sharing the database is taken up (this node's own imports
 *                        apply at their commit)
 */
@ConfigurationProperties("cityops.calendar")
record CalendarSettings(@DefaultValue("Asia/Shanghai") String zone,
                        @DefaultValue({"09:00-12:00", "13:30-17:30"}) List<String> workingPeriods,
                        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> workdays,
                        @DefaultValue("classpath:calendar/cn-default.yaml") String defaultCalendar,
                        @DefaultValue("30s") Duration check,
                        @DefaultValue("31d") Duration nextYearNotice) {
}
