// Pieces every workbench uses: reference data, the problem box, the case table and the case
// detail with its timeline, map, attachments, deadline and the caller's allowed actions.
import { reactive, ref, watch, onMounted, onBeforeUnmount, nextTick } from 'vue';
import { api, session } from './api.js';
import { t, lang, stateName, actionName, stageName } from './i18n.js';

export const refs = reactive({ categories: [], departments: [], loaded: false });

/** Loads the catalog's subclasses and the active departments once per session. */
export async function loadRefs() {
  if (refs.loaded) return;
  refs.loaded = true;
  try {
    const tree = await api.get('/api/v1/categories');
    const subs = [];
    for (const k of tree.kinds) for (const m of k.mainClasses) for (const s of m.subclasses) {
      if (s.active !== false) subs.push({ code: s.code, name: s.name, main: m.name });
    }
    refs.categories = subs;
  } catch (e) { refs.categories = []; }
  try {
    refs.departments = await api.get('/api/v1/departments?active=true');
  } catch (e) { refs.departments = []; }
}

export const categoryName = (code) => {
  if (!code) return '—';
  const c = refs.categories.find((x) => x.code === code);
  return c ? c.name : code;
};
export const departmentName = (id) => {
  if (id == null) return '—';
  const d = refs.departments.find((x) => x.id === id);
  return d ? d.name : '#' + id;
};

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
}

/** Shows a problem's detail and each failing field, as the platform reported them. */
export const ProblemBox = {
  props: ['problem'],
  setup() { return { t }; },
  template: `<div v-if="problem" class="problem" role="alert" data-t="problem">
    <strong>{{ problem.key ? t(problem.key) : problem.message }}</strong>
    <ul v-if="problem.errors && problem.errors.length"><li v-for="e in problem.errors" :key="e.field">
      <code>{{ e.field }}</code>: {{ e.message }}</li></ul></div>`,
};

export const SlaMark = {
  props: ['deadline'],
  setup() { return { t }; },
  template: `<span v-if="deadline" :class="['sla', 'sla-' + deadline.status]" :data-sla="deadline.status">
    {{ t('sla.' + deadline.status) }}</span><span v-else>—</span>`,
};

/** A list of cases; a click selects one. Extra columns: 'routing', 'deadline', 'lead'. */
export const CaseTable = {
  props: ['cases', 'columns', 'selected'],
  emits: ['select'],
  components: { SlaMark },
  setup() { return { t, stateName, categoryName, departmentName, fmtTime, lang }; },
  template: `<div class="table-wrap"><table class="cases" data-t="case-table">
    <thead><tr><th>{{ t('col.caseNo') }}</th><th>{{ t('col.state') }}</th><th>{{ t('col.category') }}</th>
      <th class="wide">{{ t('col.description') }}</th>
      <th v-if="has('routing')">{{ t('col.suggested') }}</th><th v-if="has('routing')" class="wide">{{ t('col.reason') }}</th>
      <th v-if="has('lead')">{{ t('col.lead') }}</th>
      <th v-if="has('deadline')">{{ t('col.deadline') }}</th><th>{{ t('col.reportedAt') }}</th></tr></thead>
    <tbody>
      <tr v-for="c in cases" :key="c.id" :class="{ sel: selected === c.id }" @click="$emit('select', c.id)"
          :data-case="c.id" :data-case-no="c.caseNo">
        <td class="mono">{{ c.caseNo }}</td><td>{{ stateName(c.state) }}</td><td>{{ categoryName(c.categoryCode) }}</td>
        <td class="wide">{{ c.description }}</td>
        <td v-if="has('routing')">{{ departmentName(c.suggestedDepartmentId) }}</td>
        <td v-if="has('routing')" class="wide small">{{ c.routingReason || '—' }}</td>
        <td v-if="has('lead')">{{ departmentName(c.leadDepartmentId) }}</td>
        <td v-if="has('deadline')"><SlaMark :deadline="c.deadline"/> <span class="small">{{ c.deadline ? fmtTime(c.deadline.dueAt) : '' }}</span></td>
        <td class="small">{{ fmtTime(c.reportedAt) }}</td></tr>
      <tr v-if="!cases.length"><td colspan="9" class="empty">{{ t('noData') }}</td></tr>
    </tbody></table></div>`,
  methods: { has(c) { return (this.columns || []).includes(c); } },
};

/** What each action needs from the user besides the version. */
const NEEDS = {
  REGISTER: ['category', 'urgency', 'comment?'], REJECT: ['comment'], VOID: ['comment'],
  DISPATCH: ['department', 'assist', 'comment?'], ACCEPT: ['comment?'], RETURN: ['comment'],
  REQUEST_EXTENSION: ['extension', 'comment'], APPROVE_EXTENSION: ['comment?'], REFUSE_EXTENSION: ['comment'],
  DEFER: ['comment'], RESUME: ['comment?'], ASSIST_FEEDBACK: ['comment?'], FEEDBACK: ['comment'],
  REQUEST_VERIFICATION: ['verifier', 'comment?'], VERIFY_PASS: ['comment?'], VERIFY_FAIL: ['comment'],
  CLOSE: ['comment?'], REOPEN: ['comment'], SUPERVISE: ['comment'], ESCALATE: ['comment'], SELF_FIX: ['comment?'],
  COMMENT: ['comment'],
};

/** One case: facts, deadline, map, attachments, timeline and the buttons the caller may press. */
export const CaseDetail = {
  props: ['caseId'],
  emits: ['changed'],
  components: { ProblemBox, SlaMark },
  setup(props, { emit }) {
    const c = ref(null);
    const history = ref([]);
    const photos = ref([]);
    const problem = ref(null);
    const notice = ref('');
    const action = ref(null);
    const form = reactive({});
    const mapEl = ref(null);
    const alerts = ref([]);
    let map = null;

    async function load() {
      problem.value = null;
      if (!props.caseId) { c.value = null; return; }
      try {
        c.value = await api.get('/api/v1/cases/' + props.caseId);
        history.value = await api.get('/api/v1/cases/' + props.caseId + '/history');
        loadAlerts();
        await nextTick();
        drawMap();
        loadPhotos();
      } catch (e) { problem.value = e; }
    }

    /** Loads the alerts linked to the case (a sensor case's own, and any whose report was merged into it). */
    async function loadAlerts() {
      alerts.value = [];
      // inspectors do not work with alerts: their view of a case shows none
      if (!session.user || session.user.role === 'GRID_INSPECTOR') return;
      try { alerts.value = (await api.get('/api/v1/alerts?limit=10&case=' + c.value.id)).items; }
      catch (e) { alerts.value = []; }
    }

    function drawMap() {
      if (!mapEl.value || !c.value) return;
      if (map) { map.remove(); map = null; }
      map = L.map(mapEl.value, { attributionControl: false, zoomControl: false }).setView([c.value.latitude, c.value.longitude], 16);
      const point = L.circleMarker([c.value.latitude, c.value.longitude], { radius: 9, color: '#d9363e', fillOpacity: 0.8 });
      const loc = c.value.location;
      // the grids of the case's community give the point its surroundings without any tiles
      if (loc && loc.communityCode) {
        api.get('/api/v1/geo/features?kind=grid&parent=' + encodeURIComponent(loc.communityCode)).then((geo) => {
          if (!map) return;
          L.geoJSON(geo, { style: (f) => ({ color: '#9fc3ff', weight: f.properties.code === loc.gridCode ? 2.5 : 1,
            fillOpacity: f.properties.code === loc.gridCode ? 0.18 : 0.04 }) })
            .bindTooltip((l) => l.feature.properties.name).addTo(map);
          point.bringToFront();
        }).catch(() => {});
      }
      point.addTo(map);
    }

    async function loadPhotos() {
      photos.value.forEach((p) => URL.revokeObjectURL(p.url));
      const refsSeen = new Set();
      for (const h of history.value) for (const a of (h.attachments || [])) refsSeen.add(a);
      const list = [];
      for (const r of refsSeen) {
        if (!r.startsWith('attachment:')) { list.push({ ref: r, url: null }); continue; }
        try { list.push({ ref: r, url: await api.blobUrl('/api/v1/attachments/' + r.substring('attachment:'.length)) }); }
        catch (e) { list.push({ ref: r, url: null }); }
      }
      photos.value = list;
    }

    function start(a) {
      action.value = a;
      problem.value = null;
      notice.value = '';
      Object.keys(form).forEach((k) => delete form[k]);
      form.comment = '';
      form.assist = [];
      if (a === 'DISPATCH' && c.value.suggestedDepartmentId) form.departmentId = c.value.suggestedDepartmentId;
      if (a === 'REGISTER') { form.categoryCode = c.value.categoryCode || ''; form.urgency = c.value.urgency || 'NORMAL'; }
      if (a === 'REQUEST_EXTENSION') { form.amount = 1; form.unit = 'WORKING_DAYS'; }
    }

    async function submit() {
      const a = action.value;
      const body = { action: a, version: c.value.version };
      if (form.comment) body.comment = form.comment;
      if (a === 'REGISTER') { if (form.categoryCode) body.categoryCode = form.categoryCode; body.urgency = form.urgency; }
      if (a === 'DISPATCH') {
        if (form.departmentId) body.departmentId = Number(form.departmentId);
        if (form.assist.length) body.assistDepartmentIds = form.assist.map(Number);
      }
      if (a === 'REQUEST_EXTENSION') body.extension = { amount: Number(form.amount), unit: form.unit };
      if (a === 'REQUEST_VERIFICATION' && form.verifier) body.verifier = form.verifier;
      try {
        await api.post('/api/v1/cases/' + c.value.id + '/transitions', body);
        action.value = null;
        notice.value = t('done') + ': ' + actionName(a);
        await load();
        emit('changed');
      } catch (e) { problem.value = e; }
    }

    const needs = (n) => action.value && (NEEDS[action.value] || []).some((x) => x === n || x === n + '?');
    const required = (n) => action.value && (NEEDS[action.value] || []).includes(n);

    watch(() => props.caseId, load);
    onMounted(load);
    onBeforeUnmount(() => { if (map) map.remove(); photos.value.forEach((p) => p.url && URL.revokeObjectURL(p.url)); });
    return { c, history, photos, problem, notice, action, form, mapEl, alerts, start, submit, needs, required, refs,
      t, stateName, actionName, stageName, categoryName, departmentName, fmtTime, lang };
  },
  template: `<section class="detail" v-if="c" data-t="case-detail" :data-state="c.state">
    <header><h2>{{ t('detail.title') }} <span class="mono">{{ c.caseNo }}</span></h2>
      <span class="state" data-t="case-state">{{ stateName(c.state) }}</span>
      <span v-if="c.supervised" class="tag">督办</span></header>
    <p class="desc">{{ c.description }}</p>
    <dl class="facts">
      <dt>{{ t('col.category') }}</dt><dd>{{ categoryName(c.categoryCode) }}</dd>
      <dt>{{ t('col.urgency') }}</dt><dd>{{ t('urgency.' + c.urgency) }}</dd>
      <dt>{{ t('col.address') }}</dt><dd>{{ c.address || (c.location && c.location.gridCode) || '—' }}</dd>
      <dt>{{ t('col.lead') }}</dt><dd>{{ departmentName(c.leadDepartmentId) }}</dd>
      <dt>{{ t('col.suggested') }}</dt><dd>{{ departmentName(c.suggestedDepartmentId) }}<span v-if="c.routingReason" class="small"> — {{ c.routingReason }}</span></dd>
      <dt>{{ t('detail.deadline') }}</dt><dd><SlaMark :deadline="c.deadline"/> <span v-if="c.deadline">{{ stageName(c.deadline.stage) }} {{ fmtTime(c.deadline.dueAt) }}</span></dd>
    </dl>
    <div v-if="alerts.length" class="linked-alerts" data-t="linked-alert"><h3>{{ t('alert.linked') }}</h3>
      <p v-for="a in alerts" :key="a.id"><span :class="['sev', 'sev-' + a.severity]">{{ t('severity.' + a.severity) }}</span>
        <a :href="'#/alerts/' + a.id" :data-alert="a.id">#{{ a.id }} {{ a.title }}</a> · {{ t('alertStatus.' + a.status) }}</p></div>
    <div class="case-map" ref="mapEl"></div>
    <div class="notice" v-if="notice" data-t="notice">{{ notice }}</div>
    <ProblemBox :problem="problem"/>
    <h3>{{ t('detail.actions') }}</h3>
    <div class="actions" data-t="actions">
      <button v-for="a in c.allowedActions.filter(x => x !== 'COMMENT')" :key="a" :data-action="a"
              :class="{ on: action === a }" @click="start(a)">{{ actionName(a) }}</button>
      <span v-if="!c.allowedActions.filter(x => x !== 'COMMENT').length" class="small">{{ t('detail.noActions') }}</span>
    </div>
    <form v-if="action" class="action-form" @submit.prevent="submit" data-t="action-form">
      <label v-if="needs('category')">{{ t('form.category') }}
        <select v-model="form.categoryCode" name="categoryCode"><option value="">{{ t('form.choose') }}</option>
          <option v-for="s in refs.categories" :key="s.code" :value="s.code">{{ s.code }} {{ s.main }} / {{ s.name }}</option></select></label>
      <label v-if="needs('urgency')">{{ t('form.urgency') }}
        <select v-model="form.urgency" name="urgency"><option v-for="u in ['NORMAL','URGENT','CRITICAL']" :value="u">{{ t('urgency.' + u) }}</option></select></label>
      <label v-if="needs('department')">{{ t('form.department') }}
        <select v-model="form.departmentId" name="departmentId"><option value="">{{ t('form.choose') }}</option>
          <option v-for="d in refs.departments" :key="d.id" :value="d.id">{{ d.name }}{{ d.id === c.suggestedDepartmentId ? t('form.suggested') : '' }}</option></select></label>
      <label v-if="needs('assist')">{{ t('form.assist') }}
        <select v-model="form.assist" name="assist" multiple size="3">
          <option v-for="d in refs.departments" :key="d.id" :value="d.id">{{ d.name }}</option></select></label>
      <template v-if="needs('extension')">
        <label>{{ t('form.amount') }}<input type="number" min="1" v-model="form.amount" name="amount"></label>
        <label>{{ t('form.unit') }}<select v-model="form.unit" name="unit">
          <option v-for="u in ['WORKING_HOURS','WORKING_DAYS','CALENDAR_HOURS']" :value="u">{{ u }}</option></select></label>
      </template>
      <label v-if="needs('verifier')">{{ t('form.verifier') }}<input v-model="form.verifier" name="verifier"></label>
      <label v-if="needs('comment')"><span>{{ t('form.comment') }}<span v-if="required('comment')" class="req"> *</span></span>
        <textarea v-model="form.comment" name="comment" rows="2"></textarea></label>
      <div class="buttons"><button type="submit" class="primary" data-t="submit">{{ t('form.submit') }} · {{ actionName(action) }}</button>
        <button type="button" @click="action = null">{{ t('form.cancel') }}</button></div>
    </form>
    <h3 v-if="photos.length">{{ t('detail.attachments') }}</h3>
    <div class="photos"><template v-for="p in photos" :key="p.ref">
      <img v-if="p.url" :src="p.url" alt="" data-t="photo"><span v-else class="small">{{ p.ref }}</span></template></div>
    <h3>{{ t('detail.timeline') }}</h3>
    <ol class="timeline" data-t="timeline">
      <li v-for="h in history" :key="h.id"><span class="small when">{{ fmtTime(h.at) }}</span>
        <strong>{{ actionName(h.action) }}</strong><span v-if="h.toState" class="to">→ {{ stateName(h.toState) }}</span>
        <span class="small who">{{ h.actor }}</span><div v-if="h.comment" class="comment">{{ h.comment }}</div></li>
    </ol>
  </section>
  <section v-else class="detail empty"><ProblemBox :problem="problem"/></section>`,
};
