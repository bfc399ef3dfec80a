package org.cityops.org.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.cityops.org.WorkingCalendar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The city's working calendar as other modules see it: the configured zone, periods and weekdays
 * with every stored year's holidays and make-up workdays, swapped in whole after each import commits;
 * nodes sharing the database notice a year imported elsewhere by reading the years' revisions
 * every {@code cityops.calendar.check}.
 */
@Component
class LiveWorkingCalendar implements WorkingCalendar, SmartInitializingSingleton {

    private final CalendarStore store;
    private final CalendarImports imports;
    private final Duration check;
    private final ObjectProvider<TaskScheduler> scheduler;
    private final AtomicReference<WorkingTimeCalendar> current;
    private volatile long loadedRevision = -1;

    LiveWorkingCalendar(CalendarStore store, CalendarImports imports, CalendarSettings settings,
                        ObjectProvider<TaskScheduler> scheduler) {
        this.store = store;
        this.imports = imports;
        this.check = settings.check();
        this.scheduler = scheduler;
        List<WorkingPeriod> periods = settings.workingPeriods().stream().map(WorkingPeriod::parse).toList();
        EnumSet<DayOfWeek> workdays = settings.workdays().isEmpty()
                ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(settings.workdays());
        this.current = new AtomicReference<>(
                new WorkingTimeCalendar(ZoneId.of(settings.zone()), periods, workdays, Map.of()));
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            imports.importDefaultsWhenEmpty();
        } catch (DataIntegrityViolationException loadedByAnotherNode) {
            // nodes sharing one database may start together; the first one's default stands
        }
        reload();
        scheduler.ifAvailable(s -> s.scheduleWithFixedDelay(this::reloadIfChanged, check));
    }

    /** Reloads when the stored years changed since the last load: an import on another node. */
    void reloadIfChanged() {
        if (store.revision() != loadedRevision) {
            reload();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CalendarYearImported imported) {
        reload();
    }

    /** Re-reads every stored year into a fresh calendar state; serialised so a stale read never lands last. */
    synchronized void reload() {
        // read before the entries: an import committed meanwhile raises it, so the next check reloads
        long revision = store.revision();
        Map<LocalDate, DayKind> exceptions = new HashMap<>();
        for (CalendarYear.Entry entry : store.allEntries()) {
            exceptions.put(entry.date(), entry.kind());
        }
        current.updateAndGet(calendar -> calendar.withExceptions(exceptions));
        loadedRevision = revision;
    }

    /** Returns the calendar state in force now. */
    WorkingTimeCalendar snapshot() {
        return current.get();
    }

    @Override
    public Instant plusWorkingMinutes(Instant start, long minutes) {
        return current.get().plusWorkingMinutes(start, minutes);
    }

    @Override
    public Instant plusWorkingDays(Instant start, int days) {
        return current.get().plusWorkingDays(start, days);
    }

    @Override
    public Duration workingTimeBetween(Instant start, Instant end) {
        return current.get().workingTimeBetween(start, end);
    }
}
