// A workbench: queues of cases on the left, the selected case with its actions on the right
// (stacked on a phone). Each role's workbench is this with its own queues.
import { ref, computed, watch, onMounted } from 'vue';
import { api } from '../api.js';
import { t, stateName, lang } from '../i18n.js';
import { CaseTable, CaseDetail, ProblemBox, loadRefs, categoryName, fmtTime } from '../common.js';

const OPEN = ['REPORTED', 'REGISTERED', 'DISPATCHED', 'RETURNED', 'HANDLING', 'DEFERRED', 'HANDLED', 'VERIFYING', 'VERIFIED'];
const NEARBY_METRES = 200;

/** Returns the great-circle distance in metres between two WGS 84 points. */
export function metres(lat1, lon1, lat2, lon2) {
  const r = (x) => (x * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Duplicates nearby (see docs/duplicates.md): the reports already linked to the case, and open
 * cases of the same category within 200 m in its community; a repeat is merged into the older case.
 */
export const DuplicatesNearby = {
  props: ['caseId'],
  emits: ['changed'],
  components: { ProblemBox },
  setup(props, { emit }) {
    const reports = ref([]);
    const nearby = ref([]);
    const problem = ref(null);
    const done = ref(null);
    async function load() {
      problem.value = null;
      nearby.value = [];
      try {
        const c = await api.get('/api/v1/cases/' + props.caseId);
        reports.value = await api.get('/api/v1/cases/' + props.caseId + '/reports');
        const area = c.location && (c.location.communityCode || c.location.streetCode);
        if (!area) return;
        const page = await api.get('/api/v1/cases?limit=200&region=' + encodeURIComponent(area));
        nearby.value = page.items
          .filter((o) => o.id !== c.id && OPEN.includes(o.state) && (!c.categoryCode || o.categoryCode === c.categoryCode))
          .map((o) => ({ ...o, distance: metres(c.latitude, c.longitude, o.latitude, o.longitude) }))
          .filter((o) => o.distance <= NEARBY_METRES)
          .sort((a, b) => a.distance - b.distance);
      } catch (e) { problem.value = e; }
    }
    async function mergeInto(other) {
      problem.value = null;
      try {
        await api.post('/api/v1/cases/' + other.id + '/merge', { otherCaseId: props.caseId });
        done.value = other.caseNo;
        emit('changed');
      } catch (e) { problem.value = e; }
    }
    watch(() => props.caseId, () => { done.value = null; load(); }, { immediate: true });
    return { reports, nearby, problem, done, mergeInto, categoryName, fmtTime, t, stateName };
  },
  template: `<div class="detail dups" data-t="duplicates">
    <h3>{{ t('dup.title') }}</h3>
    <ProblemBox :problem="problem"/>
    <p v-if="done" class="notice">{{ t('dup.merged') }} → {{ done }}</p>
    <table v-if="nearby.length" class="cases"><thead><tr><th>{{ t('col.caseNo') }}</th><th>{{ t('col.state') }}</th>
      <th>{{ t('dup.distance') }}</th><th class="wide">{{ t('col.description') }}</th><th></th></tr></thead>
      <tbody><tr v-for="o in nearby" :key="o.id" :data-duplicate="o.id"><td class="mono">{{ o.caseNo }}</td><td>{{ stateName(o.state) }}</td>
        <td>{{ Math.round(o.distance) }} m</td><td class="wide">{{ o.description }}</td>
        <td><button @click="mergeInto(o)" data-t="merge">{{ t('dup.merge') }}</button></td></tr></tbody></table>
    <p v-else class="small">{{ t('dup.none') }}</p>
    <h3 v-if="reports.length > 1">{{ t('dup.reports') }} ({{ reports.length }})</h3>
    <ul v-if="reports.length > 1" class="small"><li v-for="r in reports" :key="r.id">{{ fmtTime(r.reportedAt) }} · {{ r.sourceType }} · {{ r.description }}</li></ul>
  </div>`,
};

export const QUEUES = {
  intake: [
    { id: 'reported', label: () => t('queue.reported'), query: 'state=REPORTED', columns: ['deadline'] },
  ],
  dispatch: [
    { id: 'dispatch', label: () => t('queue.dispatch'), query: 'state=REGISTERED&state=RETURNED', columns: ['routing', 'deadline'] },
    { id: 'manual', label: () => t('queue.manual'), query: 'queue=manual', columns: ['routing'] },
    { id: 'handled', label: () => stateName('HANDLED'), query: 'state=HANDLED', columns: ['lead', 'deadline'] },
    { id: 'verified', label: () => stateName('VERIFIED'), query: 'state=VERIFIED', columns: ['lead', 'deadline'] },
    { id: 'overdue', label: () => t('queue.overdue'), query: 'overdue=true', columns: ['lead', 'deadline'] },
  ],
  handler: [
    { id: 'mine', label: () => t('queue.mine'), query: 'state=DISPATCHED&state=HANDLING&state=DEFERRED', columns: ['deadline'] },
    { id: 'handled', label: () => stateName('HANDLED'), query: 'state=HANDLED', columns: ['deadline'] },
  ],
  cases: [
    { id: 'all', label: () => t('queue.all'), query: '', columns: ['lead', 'deadline'] },
    { id: 'overdue', label: () => t('queue.overdue'), query: 'overdue=true', columns: ['lead', 'deadline'] },
  ],
  verify: [
    { id: 'verify', label: () => t('queue.verify'), query: 'state=VERIFYING', columns: ['lead'] },
  ],
};

export const Workbench = {
  props: ['kind', 'initialCase'],
  components: { CaseTable, CaseDetail, ProblemBox, DuplicatesNearby },
  setup(props) {
    const queues = computed(() => QUEUES[props.kind]);
    const current = ref(queues.value[0].id);
    const cases = ref([]);
    const selected = ref(props.initialCase ? Number(props.initialCase) : null);
    const problem = ref(null);
    const queue = computed(() => queues.value.find((q) => q.id === current.value) || queues.value[0]);

    async function load() {
      problem.value = null;
      try {
        const q = queue.value.query;
        const page = await api.get('/api/v1/cases?limit=100' + (q ? '&' + q : ''));
        cases.value = page.items;
      } catch (e) { problem.value = e; cases.value = []; }
    }
    watch(() => props.kind, () => { current.value = queues.value[0].id; selected.value = null; load(); });
    watch(current, load);
    onMounted(async () => { await loadRefs(); load(); });
    return { queues, current, cases, selected, problem, queue, load, t, lang };
  },
  template: `<div class="workbench" :data-view="kind">
    <div class="list-pane">
      <nav class="tabs">
        <button v-for="q in queues" :key="q.id" :class="{ on: q.id === current }" :data-queue="q.id"
                @click="current = q.id">{{ q.label() }}</button>
        <button class="ghost" @click="load" :title="t('refresh')">⟳</button>
      </nav>
      <ProblemBox :problem="problem"/>
      <CaseTable :cases="cases" :columns="queue.columns" :selected="selected" @select="id => selected = id"/>
    </div>
    <div class="detail-pane"><CaseDetail v-if="selected" :case-id="selected" @changed="load"/>
      <DuplicatesNearby v-if="selected && kind === 'intake'" :case-id="selected" @changed="load"/></div>
  </div>`,
};
