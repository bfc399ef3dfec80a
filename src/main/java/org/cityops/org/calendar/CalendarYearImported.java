package org.cityops.org.calendar;

/** Published inside the import's transaction; the live calendar reloads once it commits. */
record CalendarYearImported(int year, int revision) {
}
