// A workbench: queues of cases on the left, the selected case with its actions on the right
// (stacked on a phone). Each role's workbench is this with its own queues.
import { ref, computed, watch, onMounted } from 'vue';
import { api } from '../api.js';
import { t, stateName, lang } from '../i18n.js';
import { CaseTable, CaseDetail, ProblemBox, loadRefs } from '../common.js';

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
  components: { CaseTable, CaseDetail, ProblemBox },
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
    <div class="detail-pane"><CaseDetail v-if="selected" :case-id="selected" @changed="load"/></div>
  </div>`,
};
