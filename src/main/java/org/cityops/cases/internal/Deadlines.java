package org.cityops.cases.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.cityops.cases.SlaStatus;
import org.cityops.cases.Stage;
import org.cityops.catalog.TimeLimit;
import org.cityops.org.WorkingCalendar;

/**
 * Sets, pauses, resumes and extends the deadline of a case's current stage on the working
 * calendar: due at the limit, yellow (黄灯) at 80 % of it.
 */
final class Deadlines {

    static final double WARN_SHARE = 0.8;

    private final WorkingCalendar calendar;
    private final Map<Stage, Long> stageLimits;

    /**
     * @param calendar    the city's working calendar
     * @param stageLimits working minutes of the stages not timed by the category (REGISTER, DISPATCH, VERIFY, CLOSE)
     */
    Deadlines(WorkingCalendar calendar, Map<Stage, Long> stageLimits) {
        this.calendar = calendar;
        this.stageLimits = Map.copyOf(stageLimits);
    }

    /** Starts the stage now with its configured limit (HANDLE takes the category's limit instead). */
    void start(CaseFile file, Stage stage, Instant now) {
        Long minutes = stageLimits.get(stage);
        if (minutes == null) {
            throw new IllegalArgumentException("no configured limit for stage " + stage);
        }
        file.calendarClock = false;
        begin(file, stage, now, calendar.plusWorkingMinutes(now, minutes));
    }

    /** Starts the stage now with the given limit. */
    void start(CaseFile file, Stage stage, TimeLimit limit, Instant now) {
        file.calendarClock = limit.unit() == TimeLimit.Unit.CALENDAR_HOURS;
        begin(file, stage, now, switch (limit.unit()) {
            case WORKING_HOURS -> calendar.plusWorkingMinutes(now, limit.amount() * 60L);
            case WORKING_DAYS -> calendar.plusWorkingDays(now, limit.amount());
            case CALENDAR_HOURS -> now.plus(Duration.ofHours(limit.amount()));
        });
    }

    private void begin(CaseFile file, Stage stage, Instant now, Instant due) {
        file.stage = stage;
        file.dueAt = due;
        keepHandlingDeadline(file);
        long total = between(file, now, file.dueAt);
        file.warnAt = plus(file, now, Math.round(total * WARN_SHARE));
        file.slaStatus = SlaStatus.GREEN;
        file.pausedDueMinutes = null;
        file.pausedWarnMinutes = null;
        file.escalatedThisStage = false;
    }

    /** Stops the clock: the case has no running deadline (closed, void, refused). */
    void stop(CaseFile file) {
        file.stage = null;
        file.dueAt = null;
        file.warnAt = null;
        file.slaStatus = SlaStatus.GREEN;
        file.pausedDueMinutes = null;
        file.pausedWarnMinutes = null;
    }

    /** Pauses the clock (挂账): remembers the time left to the warning and to the deadline. */
    void pause(CaseFile file, Instant now) {
        if (file.dueAt == null) {
            return;
        }
        file.pausedDueMinutes = Math.max(0, between(file, now, file.dueAt));
        file.pausedWarnMinutes = Math.max(0, between(file, now, file.warnAt));
        file.dueAt = null;
        file.warnAt = null;
    }

    /** Resumes a paused clock from now with the time that was left. */
    void resume(CaseFile file, Instant now) {
        if (file.pausedDueMinutes == null) {
            return;
        }
        file.dueAt = plus(file, now, file.pausedDueMinutes);
        file.warnAt = plus(file, now, file.pausedWarnMinutes);
        keepHandlingDeadline(file);
        file.pausedDueMinutes = null;
        file.pausedWarnMinutes = null;
    }

    /** Extends the running deadline (and its warning point) by the limit, and clears yellow/red if now before them. */
    void extend(CaseFile file, TimeLimit extension, Instant now) {
        if (file.dueAt == null) {
            return;
        }
        long minutes = minutes(extension);
        file.dueAt = extension.unit() == TimeLimit.Unit.WORKING_DAYS
                ? calendar.plusWorkingDays(file.dueAt, extension.amount())
                : plus(file, file.dueAt, minutes);
        file.warnAt = plus(file, file.warnAt, minutes);
        keepHandlingDeadline(file);
        if (now.isBefore(file.warnAt)) {
            file.slaStatus = SlaStatus.GREEN;
        } else if (now.isBefore(file.dueAt)) {
            file.slaStatus = SlaStatus.YELLOW;
        }
        file.escalatedThisStage = false;
    }

    private static void keepHandlingDeadline(CaseFile file) {
        if (file.stage == Stage.HANDLE) {
            file.handleDueAt = file.dueAt;
        }
    }

    /** Returns the limit in minutes of the unit's own clock (a working day counts as its working minutes). */
    long minutes(TimeLimit limit) {
        return switch (limit.unit()) {
            case WORKING_HOURS, CALENDAR_HOURS -> limit.amount() * 60L;
            case WORKING_DAYS -> {
                Instant probe = Instant.parse("2000-01-03T00:00:00Z");
                yield calendar.workingTimeBetween(probe, calendar.plusWorkingDays(probe, limit.amount())).toMinutes();
            }
        };
    }

    private long between(CaseFile file, Instant from, Instant to) {
        if (to.isBefore(from)) {
            return 0;
        }
        return file.calendarClock ? Duration.between(from, to).toMinutes()
                : calendar.workingTimeBetween(from, to).toMinutes();
    }

    private Instant plus(CaseFile file, Instant from, long minutes) {
        return file.calendarClock ? from.plus(Duration.ofMinutes(minutes)) : calendar.plusWorkingMinutes(from, minutes);
    }
}
