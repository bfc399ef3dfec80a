// Rules (研判规则), for the roles that write rules: the rules of the caller's scope with their
// status (a quarantined one with its run-time error), a form to create or change one with a CEL
// condition editor that shows the server's type-check error (line and column) beside the field,
// enable / disable, and a dry run over a time range showing what the rule would have raised.
import { ref, reactive, computed, onMounted } from 'vue';
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { ProblemBox, fmtTime } from '../common.js';
import { SeverityMark, SEVERITIES } from './alerts.js';

const KINDS = ['CONDITION', 'DURATION', 'HYSTERESIS', 'ABSENCE', 'CORRELATION', 'ANOMALY'];
/** The members the form edits as fields; every other member of a rule is edited as JSON. */
const FIELDS = ['name', 'description', 'kind', 'severity', 'condition', 'clearCondition'];
const USES_CONDITION = ['CONDITION', 'DURATION', 'HYSTERESIS'];
const TEMPLATE = { watch: { observedProperty: 'water level' } };

/** Returns a datetime-local value (local time, minutes) for an instant. */
function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

export const RulesView = {
  components: { ProblemBox, SeverityMark },
  setup() {
    const rules = ref([]);
    const problem = ref(null);
    const notice = ref('');
    const editing = ref(null); // null: no form; 0: a new rule; otherwise the rule's id
    const version = ref(null);
    const form = reactive({ name: '', description: '', kind: 'CONDITION', severity: 'YELLOW', condition: '', clearCondition: '', rest: '' });
    const errors = ref([]);
    const formProblem = ref(null);
    const range = reactive({ from: localInput(Date.now() - 24 * 3600 * 1000), to: localInput(Date.now()) });
    const dry = ref(null);

    async function load() {
      problem.value = null;
      try { rules.value = await api.get('/api/v1/rules'); } catch (e) { problem.value = e; }
    }

    function open(rule) {
      errors.value = []; formProblem.value = null; dry.value = null; notice.value = '';
      // a writer with a region writes rules inside it only, so a new rule's watch starts there
      const region = session.user && session.user.regionCode;
      const d = rule ? rule.definition : { kind: 'CONDITION', severity: 'YELLOW',
        watch: region ? { ...TEMPLATE.watch, region } : TEMPLATE.watch };
      editing.value = rule ? rule.id : 0;
      version.value = rule ? rule.version : null;
      for (const f of FIELDS) form[f] = d[f] == null ? '' : d[f];
      const rest = {};
      for (const [k, v] of Object.entries(d)) if (!FIELDS.includes(k) && v != null) rest[k] = v;
      form.rest = JSON.stringify(rest, null, 2);
    }

    /** Returns the rule the form describes; a JSON mistake is reported against the JSON field. */
    function definition() {
      let rest = {};
      try { rest = form.rest.trim() ? JSON.parse(form.rest) : {}; }
      catch (e) { errors.value = [{ field: 'json', message: e.message }]; return null; }
      const d = { ...rest };
      for (const f of FIELDS) if (String(form[f]).trim() !== '') d[f] = form[f];
      return d;
    }

    async function save() {
      errors.value = []; formProblem.value = null;
      const d = definition();
      if (!d) return;
      try {
        const saved = editing.value
          ? await api.put('/api/v1/rules/' + editing.value + '?version=' + version.value, d)
          : await api.post('/api/v1/rules', d);
        editing.value = saved.id; version.value = saved.version;
        notice.value = t('rule.saved') + ' #' + saved.id + ' v' + saved.version;
        await load();
      } catch (e) { formProblem.value = e; errors.value = e.errors || []; }
    }

    async function toggle(rule, to) {
      problem.value = null;
      try { await api.post('/api/v1/rules/' + rule.id + '/' + to); await load(); } catch (e) { problem.value = e; }
    }

    async function dryRun() {
      errors.value = []; formProblem.value = null; dry.value = null;
      const from = new Date(range.from).toISOString();
      const to = new Date(range.to).toISOString();
      const d = definition();
      if (!d) return;
      try { dry.value = await api.post('/api/v1/rules/dry-run', { rule: d, from, to }); }
      catch (e) { formProblem.value = e; errors.value = e.errors || []; }
    }

    /** The server's messages for a field (and its members, e.g. correlation.inputs[0].condition). */
    const fieldErrors = (name) => errors.value.filter((e) => e.field === name || (e.field || '').startsWith(name + '.')
      || (e.field || '').startsWith(name + '['));
    const otherErrors = computed(() => errors.value.filter((e) => !['name', 'description', 'kind', 'severity', 'condition', 'clearCondition']
      .some((f) => e.field === f)));
    const usesCondition = computed(() => USES_CONDITION.includes(form.kind));

    onMounted(load);
    return { rules, problem, notice, editing, version, form, errors, formProblem, range, dry, open, save, toggle, dryRun,
      fieldErrors, otherErrors, usesCondition, fmtTime, t, KINDS, SEVERITIES };
  },
  template: `<div class="workbench rules" data-view="rules">
    <div class="list-pane">
      <div class="row"><button class="primary" @click="open(null)" data-t="rule-new">{{ t('rule.new') }}</button></div>
      <ProblemBox :problem="problem"/>
      <div class="table-wrap"><table class="cases" data-t="rule-list">
        <thead><tr><th>#</th><th class="wide">{{ t('rule.name') }}</th><th>{{ t('rule.kind') }}</th><th>{{ t('rule.severity') }}</th>
          <th>{{ t('rule.status') }}</th><th>{{ t('rule.version') }}</th><th></th></tr></thead>
        <tbody>
          <tr v-for="r in rules" :key="r.id" :data-rule="r.id" :data-status="r.status" :class="{ sel: editing === r.id }">
            <td class="mono">{{ r.id }}</td>
            <td class="wide" @click="open(r)">{{ r.name }}
              <div v-if="r.status === 'QUARANTINED'" class="quarantine" data-t="quarantine-error">{{ t('rule.quarantined') }} {{ fmtTime(r.quarantinedAt) }}: {{ r.quarantineError }}</div></td>
            <td class="small">{{ r.kind }}</td><td><SeverityMark :severity="r.severity"/></td>
            <td>{{ t('ruleStatus.' + r.status) }}</td><td>v{{ r.version }}</td>
            <td><button @click="open(r)" data-t="rule-edit">{{ t('rule.edit') }}</button>
              <button v-if="r.status !== 'ENABLED'" @click="toggle(r, 'enable')" data-t="rule-enable">{{ t('rule.enable') }}</button>
              <button v-else @click="toggle(r, 'disable')" data-t="rule-disable">{{ t('rule.disable') }}</button></td></tr>
          <tr v-if="!rules.length"><td colspan="7" class="empty">{{ t('noData') }}</td></tr>
        </tbody></table></div>
    </div>
    <div class="detail-pane">
      <section v-if="editing !== null" class="detail">
        <h2>{{ editing ? t('rule.edit') + ' #' + editing + ' v' + version : t('rule.new') }}</h2>
        <form class="rule-form" @submit.prevent="save" data-t="rule-form">
          <label>{{ t('rule.name') }}<input v-model="form.name" name="name">
            <span v-for="e in fieldErrors('name')" class="field-error" data-error="name">{{ e.message }}</span></label>
          <label>{{ t('rule.description') }}<input v-model="form.description" name="description"></label>
          <div class="row">
            <label>{{ t('rule.kind') }}<select v-model="form.kind" name="kind"><option v-for="k in KINDS" :key="k" :value="k">{{ k }}</option></select></label>
            <label>{{ t('rule.severity') }}<select v-model="form.severity" name="severity"><option v-for="s in SEVERITIES" :key="s" :value="s">{{ t('severity.' + s) }}</option></select></label>
          </div>
          <label v-if="usesCondition || form.condition">{{ t('rule.condition') }}
            <textarea v-model="form.condition" name="condition" rows="3" spellcheck="false" data-t="cel-condition"></textarea>
            <span v-for="e in fieldErrors('condition')" class="field-error" data-error="condition">{{ e.message }}</span></label>
          <label v-if="form.kind === 'HYSTERESIS' || form.clearCondition">{{ t('rule.clearCondition') }}
            <textarea v-model="form.clearCondition" name="clearCondition" rows="2" spellcheck="false"></textarea>
            <span v-for="e in fieldErrors('clearCondition')" class="field-error" data-error="clearCondition">{{ e.message }}</span></label>
          <label>{{ t('rule.json') }} <span class="small">watch, window, holdFor, absentFor, correlation, anomaly, casePolicy</span>
            <textarea v-model="form.rest" name="rest" rows="8" spellcheck="false"></textarea>
            <span v-for="e in otherErrors" class="field-error" :data-error="e.field"><code>{{ e.field }}</code>: {{ e.message }}</span></label>
          <div class="notice" v-if="notice" data-t="notice">{{ notice }}</div>
          <ProblemBox v-if="formProblem && !errors.length" :problem="formProblem"/>
          <div class="buttons"><button type="submit" class="primary" data-t="rule-save">{{ t('rule.save') }}</button>
            <button type="button" @click="editing = null">{{ t('form.cancel') }}</button></div>
        </form>
        <div class="dry-run" data-t="dry-run">
          <h3>{{ t('rule.dryRun') }}</h3>
          <div class="row"><label>{{ t('rule.from') }} <input type="datetime-local" v-model="range.from" name="from"></label>
            <label>{{ t('rule.to') }} <input type="datetime-local" v-model="range.to" name="to"></label>
            <button @click="dryRun" data-t="rule-dry-run">{{ t('rule.dryRun') }}</button></div>
          <div v-if="dry" data-t="dry-result">
            <p>{{ t('rule.raises') }} <b data-t="dry-raises">{{ dry.raises.length }}</b> · {{ t('rule.clears') }} {{ dry.clears }}
              · {{ t('rule.observations') }} {{ dry.observations }}<span v-if="dry.truncated">{{ t('rule.truncated') }}</span></p>
            <p v-if="dry.error" class="field-error" data-t="dry-error">{{ t('rule.error') }}: {{ dry.error }}</p>
            <ol class="timeline"><li v-for="(x, i) in dry.raises" :key="i"><span class="small when">{{ fmtTime(x.time) }}</span>
              <span class="mono small">{{ x.subject }}</span> {{ x.title }}</li></ol>
          </div>
        </div>
      </section>
    </div>
  </div>`,
};
