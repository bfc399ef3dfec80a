// Working calendar (工作日历): which years' holidays are imported, one year's public holidays and
// make-up workdays (调休) as stored, and — for the administrator — importing a year as YAML or JSON
// ({source, holidays: [{date, name}], workdays: [{date, name}]}, PUT /api/v1/calendar/{year}).
import { ref, computed, watch, onMounted } from 'vue';
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { ProblemBox, fmtTime } from '../common.js';
import { coverage, loadCoverage, calendarWarning } from '../coverage.js';

const EXAMPLE = `source: 国务院办公厅关于YYYY年部分节假日安排的通知
holidays:
  - {date: YYYY-01-01, name: 元旦}
workdays:
  - {date: YYYY-01-04, name: 元旦调休}`;

export const CalendarView = {
  components: { ProblemBox },
  setup() {
    const year = ref(null);
    const shown = ref(null);
    const problem = ref(null);
    const importProblem = ref(null);
    const imported = ref(null);
    // made where shown, so a language switch after the import applies to it too
    const notice = computed(() => imported.value ? t('cal.imported').replace('{year}', imported.value.year)
      .replace('{revision}', imported.value.revision) : '');
    const text = ref('');
    const isAdmin = computed(() => session.user && session.user.role === 'ADMIN');
    const years = computed(() => {
      const c = coverage.value;
      const set = new Set(c ? c.years : []);
      if (c) { set.add(c.currentYear); set.add(c.nextYear); }
      return [...set].sort((a, b) => a - b);
    });

    async function show() {
      problem.value = null;
      if (!year.value) return;
      try { shown.value = await api.get('/api/v1/calendar/' + year.value); } catch (e) { problem.value = e; }
    }
    async function start() {
      await loadCoverage();
      const c = coverage.value;
      if (c && !year.value) year.value = c.nextYearDue && !c.nextYearStored ? c.nextYear : c.currentYear;
      await show();
    }
    function pick(y) {
      const n = Number(y);
      if (Number.isInteger(n) && n >= 1900 && n <= 9999) year.value = n;
    }
    async function submit() {
      importProblem.value = null;
      imported.value = null;
      const body = text.value.trim();
      const type = body.startsWith('{') ? 'application/json' : 'application/yaml';
      try {
        shown.value = await api.putText('/api/v1/calendar/' + year.value, body, type);
        imported.value = { year: shown.value.year, revision: shown.value.revision };
        text.value = '';
        await loadCoverage();
      } catch (e) { importProblem.value = e; }
    }
    function example() { text.value = EXAMPLE.replaceAll('YYYY', year.value); }
    const weekday = (d) => t('weekday.' + d);
    watch(year, () => { imported.value = null; importProblem.value = null; show(); });
    onMounted(start);
    return { year, years, shown, problem, importProblem, notice, text, isAdmin, coverage, calendarWarning,
      pick, submit, example, weekday, t, fmtTime };
  },
  template: `<div class="calendar-view" data-view="calendar">
    <div class="row">
      <h2>{{ t('nav.calendar') }}</h2>
      <span class="small" v-if="coverage" data-t="cal-years">{{ t('cal.years') }}: {{ coverage.years.join(', ') || '—' }}</span>
    </div>
    <div class="row cal-years">
      <button v-for="y in years" :key="y" class="ghost" :class="{ on: y === year }" :data-year="y" @click="year = y">{{ y }}</button>
      <label class="small">{{ t('cal.otherYear') }} <input type="number" min="1900" max="9999" :value="year"
        @change="pick($event.target.value)" data-t="cal-year-input"></label>
    </div>
    <ProblemBox :problem="problem"/>
    <section class="panel" v-if="shown" data-t="cal-year" :data-imported="shown.imported">
      <h3>{{ shown.year }}</h3>
      <p v-if="!shown.imported" class="small warn-text" data-t="cal-not-imported">{{ t('cal.notImported') }}</p>
      <dl v-else class="facts small">
        <dt>{{ t('cal.source') }}</dt><dd data-t="cal-source">{{ shown.source || '—' }}</dd>
        <dt>{{ t('cal.revision') }}</dt><dd data-t="cal-revision">{{ shown.revision }}</dd>
        <dt>{{ t('cal.importedAt') }}</dt><dd>{{ fmtTime(shown.importedAt) }} · {{ shown.importedBy }}</dd>
      </dl>
      <div class="cal-lists" v-if="shown.imported">
        <div v-for="kind in ['holidays', 'workdays']" :key="kind" class="table-wrap">
          <table class="cases" :data-t="'cal-' + kind">
            <thead><tr><th colspan="3">{{ t('cal.' + kind) }} ({{ shown[kind].length }})</th></tr></thead>
            <tbody>
              <tr v-for="d in shown[kind]" :key="d.date" :data-date="d.date"><td class="mono">{{ d.date }}</td>
                <td>{{ weekday(d.dayOfWeek) }}</td><td>{{ d.name }}</td></tr>
              <tr v-if="!shown[kind].length"><td colspan="3" class="empty">{{ t('noData') }}</td></tr>
            </tbody></table>
        </div>
      </div>
    </section>
    <section class="panel" v-if="isAdmin && year" data-t="cal-import">
      <h3>{{ t('cal.import') }} {{ year }}</h3>
      <p class="small">{{ t('cal.importHint') }}</p>
      <textarea v-model="text" rows="10" spellcheck="false" class="mono" data-t="cal-text"></textarea>
      <div class="row">
        <button class="primary" :disabled="!text.trim()" @click="submit" data-t="cal-submit">{{ t('cal.import') }}</button>
        <button class="ghost" @click="example" data-t="cal-example">{{ t('cal.example') }}</button>
      </div>
      <ProblemBox :problem="importProblem"/>
      <div class="notice" v-if="notice" data-t="notice">{{ notice }}</div>
    </section>
  </div>`,
};
