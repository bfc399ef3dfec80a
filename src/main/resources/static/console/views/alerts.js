// Alerts (预警): the alerts of the caller's scope from GET /api/v1/alerts (the server decides the
// scope), filtered by status and severity, newest first with "more" paging; the picked alert with
// its history, its linked case, and acknowledge, assign, comment and resolve.
import { ref, reactive, watch, onMounted, onBeforeUnmount } from 'vue';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { ProblemBox, fmtTime } from '../common.js';

export const SEVERITIES = ['RED', 'ORANGE', 'YELLOW', 'BLUE'];
export const ALERT_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'CLEARED', 'RESOLVED'];
/** 蓝 黄 橙 红, as the alert levels are coloured everywhere in the console (map markers too). */
export const SEVERITY_COLORS = { BLUE: '#3b82f6', YELLOW: '#facc15', ORANGE: '#f97316', RED: '#ef4444' };

export const SeverityMark = {
  props: ['severity'],
  setup() { return { t }; },
  template: `<span class="sev" :class="'sev-' + severity" :data-severity="severity">{{ t('severity.' + severity) }}</span>`,
};

/** One alert: facts, linked case, the actions anyone who sees it may take, and its history. */
export const AlertDetail = {
  props: ['alertId'],
  emits: ['changed'],
  components: { ProblemBox, SeverityMark },
  setup(props, { emit }) {
    const a = ref(null);
    const problem = ref(null);
    const notice = ref('');
    const action = ref(null);
    const form = reactive({ text: '' });

    async function load() {
      problem.value = null;
      if (!props.alertId) { a.value = null; return; }
      try { a.value = await api.get('/api/v1/alerts/' + props.alertId); } catch (e) { problem.value = e; }
    }
    function start(x) { action.value = x; form.text = ''; problem.value = null; notice.value = ''; }
    async function submit() {
      const x = action.value;
      const path = '/api/v1/alerts/' + a.value.id + '/' + (x === 'comment' ? 'comments' : x);
      const body = x === 'assign' ? { assignee: form.text } : x === 'comment' ? { text: form.text }
        : (form.text ? { note: form.text } : {});
      try {
        a.value = await api.post(path, body);
        action.value = null;
        notice.value = t('done') + ': ' + t('alert.' + x);
        emit('changed');
      } catch (e) { problem.value = e; }
    }
    const active = () => a.value && (a.value.status === 'RAISED' || a.value.status === 'ACKNOWLEDGED');
    const can = (x) => x === 'comment' || (x === 'acknowledge' ? a.value.status === 'RAISED' : active());
    watch(() => props.alertId, load);
    onMounted(load);
    return { a, problem, notice, action, form, start, submit, can, t, fmtTime };
  },
  template: `<section class="detail" v-if="a" data-t="alert-detail" :data-status="a.status" :data-alert="a.id">
    <header><h2>{{ t('alert.title') }} #{{ a.id }}</h2><SeverityMark :severity="a.severity"/>
      <span class="state" data-t="alert-status">{{ t('alertStatus.' + a.status) }}</span></header>
    <p class="desc">{{ a.title }}</p>
    <dl class="facts">
      <dt>{{ t('alert.rule') }}</dt><dd>{{ a.ruleName }} <span class="small">v{{ a.ruleVersion }}</span></dd>
      <dt>{{ t('alert.subject') }}</dt><dd class="mono">{{ a.subject }}</dd>
      <dt>{{ t('alert.place') }}</dt><dd>{{ a.location ? (a.location.gridCode || a.location.communityCode || a.location.streetCode || a.location.districtCode) : '—' }}</dd>
      <dt>{{ t('alert.lastValue') }}</dt><dd>{{ a.lastValue == null ? '—' : a.lastValue }} <span class="small">× {{ a.count }}</span></dd>
      <dt>{{ t('alert.firstSeen') }}</dt><dd>{{ fmtTime(a.firstSeenAt) }}</dd>
      <dt>{{ t('alert.lastSeen') }}</dt><dd>{{ fmtTime(a.lastSeenAt) }}</dd>
      <dt>{{ t('alert.assignee') }}</dt><dd data-t="alert-assignee">{{ a.assignee || '—' }}</dd>
      <dt>{{ t('alert.case') }}</dt><dd><a v-if="a.caseId" :href="'#/case/' + a.caseId" data-t="alert-case">{{ t('alert.openCase') }} #{{ a.caseId }}</a><span v-else>—</span></dd>
    </dl>
    <div class="notice" v-if="notice" data-t="notice">{{ notice }}</div>
    <ProblemBox :problem="problem"/>
    <div class="actions" data-t="alert-actions">
      <button v-for="x in ['acknowledge','assign','comment','resolve']" :key="x" v-show="can(x)" :data-alert-action="x"
              :class="{ on: action === x }" @click="start(x)">{{ t('alert.' + x) }}</button>
    </div>
    <form v-if="action" class="action-form" @submit.prevent="submit" data-t="alert-form">
      <label>{{ t(action === 'assign' ? 'alert.assignee' : action === 'comment' ? 'alert.comment' : 'alert.note') }}
        <span v-if="action === 'assign' || action === 'comment'" class="req"> *</span>
        <input v-if="action === 'assign'" v-model="form.text" name="assignee">
        <textarea v-else v-model="form.text" name="text" rows="2"></textarea></label>
      <div class="buttons"><button type="submit" class="primary" data-t="alert-submit">{{ t('form.submit') }} · {{ t('alert.' + action) }}</button>
        <button type="button" @click="action = null">{{ t('form.cancel') }}</button></div>
    </form>
    <h3>{{ t('detail.timeline') }}</h3>
    <ol class="timeline" data-t="alert-history">
      <li v-for="h in (a.history || [])" :key="h.id"><span class="small when">{{ fmtTime(h.at) }}</span>
        <strong>{{ t('alertChange.' + h.change) }}</strong><span class="small who">{{ h.actor }}</span>
        <div v-if="h.note" class="comment">{{ h.note }}</div></li>
    </ol>
  </section>
  <section v-else class="detail empty"><ProblemBox :problem="problem"/></section>`,
};

export const AlertsView = {
  props: ['id'],
  components: { ProblemBox, SeverityMark, AlertDetail },
  setup(props) {
    const items = ref([]);
    const next = ref(null);
    const filter = reactive({ status: '', severity: '' });
    const selected = ref(props.id ? Number(props.id) : null);
    const problem = ref(null);
    let timer = null;

    function query(cursor) {
      const q = new URLSearchParams({ limit: '50' });
      if (filter.status) q.set('status', filter.status);
      if (filter.severity) q.set('severity', filter.severity);
      if (cursor) q.set('cursor', cursor);
      return '/api/v1/alerts?' + q;
    }
    async function load() {
      problem.value = null;
      try { const p = await api.get(query()); items.value = p.items; next.value = p.nextCursor; }
      catch (e) { problem.value = e; }
    }
    async function more() {
      try { const p = await api.get(query(next.value)); items.value = [...items.value, ...p.items]; next.value = p.nextCursor; }
      catch (e) { problem.value = e; }
    }
    function pick(x) { selected.value = x.id; history.replaceState(null, '', '#/alerts/' + x.id); }
    watch(filter, load);
    watch(() => props.id, (v) => { if (v) selected.value = Number(v); });
    onMounted(() => { load(); timer = setInterval(load, 30000); });
    onBeforeUnmount(() => clearInterval(timer));
    return { items, next, filter, selected, problem, load, more, pick, fmtTime, t, SEVERITIES, ALERT_STATUSES };
  },
  template: `<div class="workbench alerts" data-view="alerts">
    <div class="list-pane">
      <div class="row">
        <select v-model="filter.status" data-t="alert-status-filter"><option value="">{{ t('alert.allStatuses') }}</option>
          <option v-for="s in ALERT_STATUSES" :key="s" :value="s">{{ t('alertStatus.' + s) }}</option></select>
        <select v-model="filter.severity" data-t="alert-severity-filter"><option value="">{{ t('alert.allSeverities') }}</option>
          <option v-for="s in SEVERITIES" :key="s" :value="s">{{ t('severity.' + s) }}</option></select>
        <button @click="load" data-t="alert-refresh">{{ t('refresh') }}</button>
      </div>
      <ProblemBox :problem="problem"/>
      <div class="table-wrap"><table class="cases" data-t="alert-list">
        <thead><tr><th>{{ t('alert.severity') }}</th><th>{{ t('col.state') }}</th><th class="wide">{{ t('alert.title') }}</th>
          <th>{{ t('alert.rule') }}</th><th>{{ t('alert.lastSeen') }}</th><th>{{ t('alert.case') }}</th></tr></thead>
        <tbody>
          <tr v-for="a in items" :key="a.id" :data-alert="a.id" :data-status="a.status" :class="{ sel: selected === a.id }" @click="pick(a)">
            <td><SeverityMark :severity="a.severity"/></td><td>{{ t('alertStatus.' + a.status) }}</td>
            <td class="wide">{{ a.title }}</td><td class="small">{{ a.ruleName }}</td>
            <td class="small">{{ fmtTime(a.lastSeenAt) }}</td><td class="mono small">{{ a.caseId ? '#' + a.caseId : '' }}</td></tr>
          <tr v-if="!items.length"><td colspan="6" class="empty">{{ t('noData') }}</td></tr>
        </tbody></table></div>
      <button v-if="next" @click="more" data-t="alert-more">{{ t('more') }}</button>
    </div>
    <div class="detail-pane"><AlertDetail v-if="selected" :alert-id="selected" :key="selected" @changed="load"/></div>
  </div>`,
};
