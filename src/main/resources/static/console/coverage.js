// Whether the working calendar holds the years deadlines need (GET /api/v1/calendar/coverage),
// shared by the top banner and the calendar view, which asks again after an import.
import { ref, computed } from 'vue';
import { api, session } from './api.js';
import { t } from './i18n.js';

/** Roles told when the working calendar lacks a year's holidays (deadlines are theirs to keep). */
export const CALENDAR_ROLES = ['ADMIN', 'CITY_DISPATCHER', 'DISTRICT_DISPATCHER'];

export const coverage = ref(null);

export async function loadCoverage() {
  if (!session.token || !CALENDAR_ROLES.includes(session.user?.role)) { coverage.value = null; return; }
  try { coverage.value = await api.get('/api/v1/calendar/coverage'); } catch (e) { coverage.value = null; }
}

/** The warning to show, in the current language, or ''. */
export const calendarWarning = computed(() => {
  const c = coverage.value;
  if (!c) return '';
  if (!c.currentYearStored) return t('calendar.currentMissing').replaceAll('{year}', c.currentYear);
  if (c.nextYearDue && !c.nextYearStored) return t('calendar.nextMissing').replaceAll('{year}', c.nextYear);
  return '';
});
