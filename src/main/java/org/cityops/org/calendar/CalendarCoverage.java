package org.cityops.org.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Which years the working calendar holds, seen from a day: the current year's arrangement is
 * needed now, the next year's once the year's end is nearer than the notice (the State Council
 * publishes it in the autumn; a deadline that runs into January needs it). Without a year's
 * arrangement its holidays are worked and its make-up Saturdays are not, so deadlines are wrong.
 *
 * @param today        the day, in the calendar's zone
 * @param years        the years stored, ascending
 * @param currentYear  {@code today}'s year
 * @param currentYearStored whether its arrangement is stored
 * @param nextYear     the year after
 * @param nextYearStored whether its arrangement is stored
 * @param nextYearDue  whether the year's end is within the notice, so the next year is needed
 * @param warning      what an administrator should do, in Chinese and English; null when nothing
 */
record CalendarCoverage(LocalDate today, List<Integer> years, int currentYear, boolean currentYearStored,
                        int nextYear, boolean nextYearStored, boolean nextYearDue, String warning) {

    /** Returns the coverage on {@code today} of the stored {@code years} with the given notice before a year ends. */
    static CalendarCoverage of(LocalDate today, List<Integer> years, Duration notice) {
        int current = today.getYear();
        boolean currentStored = years.contains(current);
        boolean nextStored = years.contains(current + 1);
        boolean due = !today.plusDays(notice.toDays()).isBefore(LocalDate.of(current + 1, 1, 1));
        String warning = null;
        if (!currentStored) {
            warning = current + "年节假日安排未导入，工作日时限按周一至周五计算 — the " + current
                    + " public holidays are not imported; working-time deadlines count every Monday to Friday: "
                    + "PUT /api/v1/calendar/" + current;
        } else if (due && !nextStored) {
            warning = (current + 1) + "年节假日安排尚未导入 — the " + (current + 1) + " public holidays are not imported "
                    + "yet; import them once the State Council publishes them: PUT /api/v1/calendar/" + (current + 1);
        }
        return new CalendarCoverage(today, List.copyOf(years), current, currentStored, current + 1, nextStored, due,
                warning);
    }

    /** Returns how many needed years are missing: the current one, and the next once due. */
    int missing() {
        return (currentYearStored ? 0 : 1) + (nextYearDue && !nextYearStored ? 1 : 0);
    }
}
