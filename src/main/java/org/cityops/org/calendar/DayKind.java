package org.cityops.org.calendar;

/** How a calendar entry changes a date: a public holiday off work, or a make-up workday (调休) worked. */
enum DayKind {
    /** 法定节假日: not worked even on a weekday. */
    HOLIDAY,
    /** 调休上班: worked even on a weekend. */
    WORKDAY
}
