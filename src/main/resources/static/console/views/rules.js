// Rules (研判规则), for the roles that write rules: the rules of the caller's scope with their watch
// (tags as chips, place and department by name) and status (a quarantined one with its run-time
// error); an editor with a field for every member a rule's kind uses — the watch, the CEL
// conditions (a refused one shows the server's error under the line and column it names), the
// window and durations, correlation inputs each with their own watch, anomaly settings and the
// case policy; enable / disable; and a dry run over a time range showing what the rule would have raised.
// The browser's own form validation is off (novalidate): the server's messages, each under the
// member it names, are the one account of what is wrong.
import { ref, computed, onMounted } from 'vue';
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { ProblemBox, fmtTime, loadRefs, refs } from '../common.js';
import { SeverityMark, SEVERITIES } from './alerts.js';
import { KINDS, KEY_BY, URGENCIES, INPUTS_MIN, INPUTS_MAX, uses, ruleForm, definitionOf, watchForm } from './rule-form.js';
import { WatchFields, WatchSummary, CelField, DurationInput, HintLists, hintTags } from './rule-fields.js';

/** Server fields the editor shows beside their member; any other problem is listed under the form. */
const PLACED = /^(name|description|kind|severity|condition|clearCondition|window|holdFor|absentFor|from|to|anomaly\.(warmup|threshold|alpha)|casePolicy\.(mode|categoryCode|urgency)|correlation(\.keyBy|\.inputs)?|correlation\.inputs\[\d+\](\.(name|condition))?|(watch|correlation\.inputs\[\d+\]\.watch)(\.(observedProperty|propertyDefinition|departmentId|region|grid|tags(\[\d+\])?))?)$/;

/** Returns a datetime-local value (local time, minutes) for an instant. */
function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

export const RulesView = {
  components: { ProblemBox, SeverityMark, WatchFields, WatchSummary, CelField, DurationInput, HintLists },
  setup() {
    const rules = ref([]);
    const problem = ref(null);
    const notice = ref('');
    const editing = ref(null); // null: no form; 0: a new rule; otherwise the rule's id
    const version = ref(null);
    const form = ref(ruleForm(null));
    const formKey = ref(0); // a new key gives the fields (place pickers, durations) a fresh start
    const errors = ref([]);
    const formProblem = ref(null);
    const range = ref({ from: localInput(Date.now() - 24 * 3600 * 1000), to: localInput(Date.now()) });
    const dry = ref(null);
    // a writer with a region writes rules inside it only: the place pickers start there and stay inside
    const floor = computed(() => (session.user && session.user.regionCode) || null);

    async function load() {
      problem.value = null;
      try { rules.value = await api.get('/api/v1/rules'); hintTags(rules.value); } catch (e) { problem.value = e; }
    }

    function open(rule) {
      errors.value = []; formProblem.value = null; dry.value = null; notice.value = '';
      editing.value = rule ? rule.id : 0;
      version.value = rule ? rule.version : null;
      form.value = ruleForm(rule ? rule.definition : null, floor.value);
      formKey.value++;
    }

    async function save() {
      errors.value = []; formProblem.value = null; notice.value = '';
      const d = definitionOf(form.value);
      try {
        const saved = editing.value
          ? await api.put('/api/v1/rules/' + editing.value + '?version=' + version.value, d)
          : await api.post('/api/v1/rules', d);
        editing.value = saved.id; version.value = saved.version;
        form.value = ruleForm(saved.definition, floor.value);
        formKey.value++;
        notice.value = t('rule.saved') + ' #' + saved.id + ' v' + saved.version;
        await load();
      } catch (e) { formProblem.value = e; errors.value = e.errors || []; }
    }

    async function toggle(rule, to) {
      problem.value = null;
      try { await api.post('/api/v1/rules/' + rule.id + '/' + to); await load(); } catch (e) { problem.value = e; }
    }

    async function dryRun() {
      errors.value = []; formProblem.value = null; dry.value = null; notice.value = '';
      const from = range.value.from ? new Date(range.value.from).toISOString() : null;
      const to = range.value.to ? new Date(range.value.to).toISOString() : null;
      try { dry.value = await api.post('/api/v1/rules/dry-run', { rule: definitionOf(form.value), from, to }); }
      catch (e) { formProblem.value = e; errors.value = e.errors || []; }
    }

    function addInput() {
      if (form.value.inputs.length < INPUTS_MAX) {
        form.value.inputs.push({ name: '', watch: watchForm(floor.value ? { region: floor.value } : null), condition: '' });
      }
    }
    const removeInput = (i) => { if (form.value.inputs.length > INPUTS_MIN) form.value.inputs.splice(i, 1); };

    /**
     * Returns the server's messages for a member: exactly it, or (unless exact) an item of it
     * (tags[1] under tags).
     */
    const errs = (name, exact) => errors.value.filter((e) => e.field === name || (!exact && (e.field || '').startsWith(name + '[')));
    const otherErrors = computed(() => errors.value.filter((e) => !PLACED.test(e.field || '')));
    const shows = (member) => uses(form.value.kind, member) || (member === 'window' && !!form.value.window);

    onMounted(() => { loadRefs(); load(); });
    return { rules, problem, notice, editing, version, form, formKey, errors, formProblem, range, dry, floor, refs,
      open, save, toggle, dryRun, addInput, removeInput, errs, otherErrors, shows, fmtTime, t,
      KINDS, KEY_BY, URGENCIES, INPUTS_MIN, INPUTS_MAX, SEVERITIES };
  },
  template: `<div class="workbench rules" data-view="rules">
    <HintLists/>
    <div class="list-pane">
      <div class="row"><button class="primary" @click="open(null)" data-t="rule-new">{{ t('rule.new') }}</button></div>
      <ProblemBox :problem="problem"/>
      <div class="table-wrap"><table class="cases" data-t="rule-list">
        <thead><tr><th>#</th><th class="wide">{{ t('rule.name') }}</th><th class="wide">{{ t('rule.watchTitle') }}</th><th>{{ t('rule.kind') }}</th>
          <th>{{ t('rule.severity') }}</th><th>{{ t('rule.status') }}</th><th>{{ t('rule.version') }}</th><th></th></tr></thead>
        <tbody>
          <tr v-for="r in rules" :key="r.id" :data-rule="r.id" :data-status="r.status" :class="{ sel: editing === r.id }">
            <td class="mono">{{ r.id }}</td>
            <td class="wide" @click="open(r)">{{ r.name }}
              <div v-if="r.status === 'QUARANTINED'" class="quarantine" data-t="quarantine-error">{{ t('rule.quarantined') }} {{ fmtTime(r.quarantinedAt) }}: {{ r.quarantineError }}</div></td>
            <td class="wide" @click="open(r)">
              <template v-if="r.definition.kind === 'CORRELATION'">
                <div class="small">{{ t('rule.keyBy') }}: {{ t('keyBy.' + r.definition.correlation.keyBy) }}</div>
                <div v-for="i in r.definition.correlation.inputs" :key="i.name"><span class="input-name">{{ i.name }}</span> <WatchSummary :watch="i.watch"/></div>
              </template>
              <WatchSummary v-else :watch="r.definition.watch"/></td>
            <td class="small">{{ t('ruleKind.' + r.kind) }}</td><td><SeverityMark :severity="r.severity"/></td>
            <td>{{ t('ruleStatus.' + r.status) }}</td><td>v{{ r.version }}</td>
            <td><button @click="open(r)" data-t="rule-edit">{{ t('rule.edit') }}</button>
              <button v-if="r.status !== 'ENABLED'" @click="toggle(r, 'enable')" data-t="rule-enable">{{ t('rule.enable') }}</button>
              <button v-else @click="toggle(r, 'disable')" data-t="rule-disable">{{ t('rule.disable') }}</button></td></tr>
          <tr v-if="!rules.length"><td colspan="8" class="empty">{{ t('noData') }}</td></tr>
        </tbody></table></div>
    </div>
    <div class="detail-pane">
      <section v-if="editing !== null" class="detail">
        <h2>{{ editing ? t('rule.edit') + ' #' + editing + ' v' + version : t('rule.new') }}</h2>
        <form class="rule-form" @submit.prevent="save" novalidate data-t="rule-form" :key="formKey" :data-kind="form.kind">
          <label><span>{{ t('rule.name') }}<span class="req"> *</span></span><input v-model="form.name" name="name">
            <span v-for="e in errs('name')" class="field-error" data-error="name">{{ e.message }}</span></label>
          <label>{{ t('rule.description') }}<input v-model="form.description" name="description"></label>
          <div class="row">
            <label>{{ t('rule.kind') }}<select v-model="form.kind" name="kind">
              <option v-for="k in KINDS" :key="k" :value="k">{{ t('ruleKind.' + k) }}</option></select></label>
            <label>{{ t('rule.severity') }}<select v-model="form.severity" name="severity">
              <option v-for="s in SEVERITIES" :key="s" :value="s">{{ t('severity.' + s) }}</option></select></label>
          </div>
          <p class="small kind-hint" data-t="kind-hint">{{ t('ruleKindHint.' + form.kind) }}</p>

          <WatchFields v-if="shows('watch')" :watch-form="form.watch" path="watch" :floor="floor" :errs="errs"/>

          <label v-if="shows('condition')"><span>{{ t('rule.condition') }}<span class="req"> *</span></span>
            <CelField v-model="form.condition" name="condition" :errors="errs('condition')"/>
            <span class="small">{{ t('rule.celHint') }}</span></label>
          <label v-if="shows('clearCondition')"><span>{{ t('rule.clearCondition') }}<span class="req"> *</span></span>
            <CelField v-model="form.clearCondition" name="clearCondition" :errors="errs('clearCondition')" :rows="2"/></label>

          <div class="row">
            <label v-if="shows('window')">{{ t('rule.window') }}
              <DurationInput v-model="form.window" name="window" placeholder="60"/>
              <span class="small">{{ t('rule.windowHint') }}</span>
              <span v-for="e in errs('window')" class="field-error" data-error="window">{{ e.message }}</span></label>
            <label v-if="shows('holdFor')"><span>{{ t('rule.holdFor') }}<span class="req"> *</span></span>
              <DurationInput v-model="form.holdFor" name="holdFor"/>
              <span v-for="e in errs('holdFor')" class="field-error" data-error="holdFor">{{ e.message }}</span></label>
            <label v-if="shows('absentFor')"><span>{{ t('rule.absentFor') }}<span class="req"> *</span></span>
              <DurationInput v-model="form.absentFor" name="absentFor"/>
              <span v-for="e in errs('absentFor')" class="field-error" data-error="absentFor">{{ e.message }}</span></label>
          </div>

          <fieldset v-if="shows('correlation')" class="correlation" data-t="correlation">
            <legend>{{ t('rule.correlation') }}</legend>
            <span v-for="e in errs('correlation', true)" class="field-error" data-error="correlation">{{ e.message }}</span>
            <label>{{ t('rule.keyBy') }}<select v-model="form.keyBy" name="correlation.keyBy">
              <option v-for="k in KEY_BY" :key="k" :value="k">{{ t('keyBy.' + k) }}</option></select>
              <span v-for="e in errs('correlation.keyBy')" class="field-error" data-error="correlation.keyBy">{{ e.message }}</span></label>
            <span v-for="e in errs('correlation.inputs', true)" class="field-error" data-error="correlation.inputs">{{ e.message }}</span>
            <div v-for="(input, i) in form.inputs" :key="i" class="corr-input" :data-input="i">
              <div class="row"><label><span>{{ t('rule.inputName') }} {{ i + 1 }}<span class="req"> *</span></span>
                <input v-model="input.name" :name="'correlation.inputs[' + i + '].name'">
                <span v-for="e in errs('correlation.inputs[' + i + '].name')" class="field-error" :data-error="'correlation.inputs[' + i + '].name'">{{ e.message }}</span></label>
                <button type="button" v-if="form.inputs.length > INPUTS_MIN" @click="removeInput(i)" data-t="input-remove">{{ t('rule.removeInput') }}</button></div>
              <span v-for="e in errs('correlation.inputs[' + i + ']', true)" class="field-error">{{ e.message }}</span>
              <WatchFields :watch-form="input.watch" :path="'correlation.inputs[' + i + '].watch'" :floor="floor" :errs="errs"/>
              <label><span>{{ t('rule.inputCondition') }}<span class="req"> *</span></span>
                <CelField v-model="input.condition" :name="'correlation.inputs[' + i + '].condition'" :errors="errs('correlation.inputs[' + i + '].condition')" :rows="2"/></label>
            </div>
            <button type="button" v-if="form.inputs.length < INPUTS_MAX" @click="addInput" data-t="input-add">{{ t('rule.addInput') }}</button>
          </fieldset>

          <fieldset v-if="shows('anomaly')" class="anomaly" data-t="anomaly">
            <legend>{{ t('rule.anomaly') }}</legend>
            <div class="row">
              <label>{{ t('anomaly.warmup') }}<input type="number" min="2" max="10000" step="1" v-model="form.anomaly.warmup" name="anomaly.warmup" placeholder="30">
                <span v-for="e in errs('anomaly.warmup')" class="field-error" data-error="anomaly.warmup">{{ e.message }}</span></label>
              <label>{{ t('anomaly.threshold') }}<input type="number" min="0" step="any" v-model="form.anomaly.threshold" name="anomaly.threshold" placeholder="4">
                <span v-for="e in errs('anomaly.threshold')" class="field-error" data-error="anomaly.threshold">{{ e.message }}</span></label>
              <label>{{ t('anomaly.alpha') }}<input type="number" min="0" max="1" step="any" v-model="form.anomaly.alpha" name="anomaly.alpha" placeholder="0.1">
                <span v-for="e in errs('anomaly.alpha')" class="field-error" data-error="anomaly.alpha">{{ e.message }}</span></label>
            </div>
            <span class="small">{{ t('anomaly.hint') }}</span>
          </fieldset>

          <fieldset class="case-policy" data-t="case-policy">
            <legend>{{ t('rule.casePolicy') }}</legend>
            <div class="row">
              <label>{{ t('casePolicy.mode') }}<select v-model="form.casePolicy.mode" name="casePolicy.mode">
                <option value="NONE">{{ t('casePolicy.NONE') }}</option><option value="OPEN_CASE">{{ t('casePolicy.OPEN_CASE') }}</option></select></label>
              <template v-if="form.casePolicy.mode === 'OPEN_CASE'">
                <label><span>{{ t('form.category') }}<span class="req"> *</span></span><select v-model="form.casePolicy.categoryCode" name="casePolicy.categoryCode">
                  <option value="">{{ t('form.choose') }}</option>
                  <option v-if="form.casePolicy.categoryCode && !refs.categories.some((c) => c.code === form.casePolicy.categoryCode)"
                          :value="form.casePolicy.categoryCode">{{ form.casePolicy.categoryCode }}</option>
                  <option v-for="c in refs.categories" :key="c.code" :value="c.code">{{ c.code }} {{ c.main }} · {{ c.name }}</option></select>
                  <span v-for="e in errs('casePolicy.categoryCode')" class="field-error" data-error="casePolicy.categoryCode">{{ e.message }}</span></label>
                <label>{{ t('form.urgency') }}<select v-model="form.casePolicy.urgency" name="casePolicy.urgency">
                  <option v-for="u in URGENCIES" :key="u" :value="u">{{ t('urgency.' + u) }}</option></select></label>
              </template>
            </div>
            <label v-if="form.casePolicy.mode === 'OPEN_CASE'" class="check"><input type="checkbox" v-model="form.casePolicy.resolveOnClose" name="casePolicy.resolveOnClose">
              {{ t('casePolicy.resolveOnClose') }}</label>
            <span v-for="e in errs('casePolicy.mode')" class="field-error" data-error="casePolicy.mode">{{ e.message }}</span>
          </fieldset>

          <div v-if="otherErrors.length" class="field-error" data-t="other-errors">
            <div v-for="e in otherErrors" :data-error="e.field"><code>{{ e.field }}</code>: {{ e.message }}</div></div>
          <div class="notice" v-if="notice" data-t="notice">{{ notice }}</div>
          <div v-if="formProblem && errors.length" class="problem" role="alert" data-t="form-problem">{{ formProblem.message }} · {{ t('rule.seeFields') }}</div>
          <ProblemBox v-if="formProblem && !errors.length" :problem="formProblem"/>
          <div class="buttons"><button type="submit" class="primary" data-t="rule-save">{{ t('rule.save') }}</button>
            <button type="button" @click="editing = null">{{ t('form.cancel') }}</button></div>
        </form>
        <div class="dry-run" data-t="dry-run">
          <h3>{{ t('rule.dryRun') }}</h3>
          <p class="small">{{ t('rule.dryRunHint') }}</p>
          <div class="row"><label>{{ t('rule.from') }} <input type="datetime-local" v-model="range.from" name="from">
              <span v-for="e in errs('from')" class="field-error" data-error="from">{{ e.message }}</span></label>
            <label>{{ t('rule.to') }} <input type="datetime-local" v-model="range.to" name="to">
              <span v-for="e in errs('to')" class="field-error" data-error="to">{{ e.message }}</span></label>
            <button @click="dryRun" data-t="rule-dry-run">{{ t('rule.dryRun') }}</button></div>
          <div v-if="dry" data-t="dry-result">
            <p>{{ t('rule.raises') }} <b data-t="dry-raises">{{ dry.raises.length }}</b> · {{ t('rule.clears') }} <b data-t="dry-clears">{{ dry.clears }}</b>
              · {{ t('rule.observations') }} <b data-t="dry-observations">{{ dry.observations }}</b><span v-if="dry.truncated" data-t="dry-truncated">{{ t('rule.truncated') }}</span></p>
            <p v-if="dry.error" class="field-error" data-t="dry-error">{{ t('rule.error') }}: {{ dry.error }}</p>
            <table v-if="dry.raises.length" class="cases" data-t="dry-raise-list">
              <thead><tr><th>{{ t('rule.raiseTime') }}</th><th>{{ t('alert.subject') }}</th><th>{{ t('rule.raiseValue') }}</th><th class="wide">{{ t('alert.title') }}</th></tr></thead>
              <tbody><tr v-for="(x, i) in dry.raises" :key="i"><td class="small">{{ fmtTime(x.time) }}</td>
                <td class="mono small">{{ x.subject }}</td><td>{{ x.value == null ? '—' : x.value }}</td><td class="wide">{{ x.title }}</td></tr></tbody>
            </table>
            <p v-else class="small">{{ t('rule.noRaises') }}</p>
          </div>
        </div>
      </section>
    </div>
  </div>`,
};
