package org.cityops.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.cityops.platform.ProblemException;

/**
 * Turns the periods people ask for (today, this month, the last days, or explicit instants)
 * into instants in the city's time zone, and refuses periods that are empty or too long.
 */
final class Periods {

    private final ZoneId zone;
    private final int maxDays;

    Periods(ZoneId zone, int maxDays) {
        this.zone = zone;
        this.maxDays = maxDays;
    }

    /** A half-open period {@code [from, to)}. */
    record Period(Instant from, Instant to) {
    }

    /** Returns the period named ({@code today} or {@code month}) or given by from/to; today when nothing is given. */
    Period resolve(String named, Instant from, Instant to, Instant now) {
        if (named != null) {
            if (from != null || to != null) {
                throw ProblemException.BadRequest.field("period", "give either period or from/to, not both");
            }
            return switch (named) {
                case "today" -> today(now);
                case "month" -> month(now);
                default -> throw ProblemException.BadRequest.field("period",
                        "must be 'today' or 'month', was '" + named + "'");
            };
        }
        if (from == null && to == null) {
            return today(now);
        }
        return explicit(from, to, now);
    }

    /** Returns the period from/to, where a missing 'to' means now and a missing 'from' the start of today. */
    Period explicit(Instant from, Instant to, Instant now) {
        Instant end = to == null ? now : to;
        Instant start = from == null ? today(now).from() : from;
        if (!start.isBefore(end)) {
            throw ProblemException.BadRequest.field("from", "must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw ProblemException.BadRequest.field("to", "the period may span at most " + maxDays + " days");
        }
        return new Period(start, end);
    }

    /** Returns today, from local midnight to the next. */
    Period today(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        return new Period(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Returns the current calendar month. */
    Period month(Instant now) {
        LocalDate first = now.atZone(zone).toLocalDate().withDayOfMonth(1);
        return new Period(first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
    }

    /** Returns the last {@code days} whole local days up to and including today. */
    Period lastDays(int days, Instant now) {
        Period today = today(now);
        LocalDate first = now.atZone(zone).toLocalDate().minusDays(days - 1L);
        return new Period(first.atStartOfDay(zone).toInstant(), today.to());
    }

    /**
     * Returns the local midnights that cut the period into days: the period's start, every
     * midnight strictly inside it, and its end.
     */
    List<Instant> dayBoundaries(Period period) {
        List<Instant> cuts = new ArrayList<>();
        cuts.add(period.from());
        ZonedDateTime next = period.from().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone);
        while (next.toInstant().isBefore(period.to())) {
            cuts.add(next.toInstant());
            next = next.toLocalDate().plusDays(1).atStartOfDay(zone);
        }
        cuts.add(period.to());
        return cuts;
    }

    /** Returns the local date an instant falls on. */
    LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}
