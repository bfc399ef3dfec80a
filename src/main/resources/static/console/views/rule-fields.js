// The fields of the rule editor: a watch (observed property, sensor type, tags as chips, a region or
// grid picked from the city model, the owning department), ISO-8601 durations as amount and unit,
// and a CEL condition that shows the server's type-check error under the line and column it names.
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { refs, departmentName } from '../common.js';
import { SENSOR_TYPES, typeName } from './sensors.js';
import { splitDuration, joinDuration, splitTags, placePath, isGridCode, celPosition } from './rule-form.js';

/** Suggestions for the free-text members: observed properties, sensor types and tags the platform knows. */
export const hints = reactive({ properties: [], types: [...SENSOR_TYPES], tags: [], loaded: false });

/** Loads the suggestions once per page: the newest ObservedProperties and Things of the SensorThings API. */
export async function loadHints() {
  if (hints.loaded) return;
  hints.loaded = true;
  try {
    const ops = await api.get('/sta/v1.1/ObservedProperties?$select=name,definition&$orderby=id%20desc&$top=100');
    hints.properties = [...new Set(ops.value.map((o) => o.name))].sort();
  } catch (e) { hints.properties = []; }
  try {
    const things = await api.get('/sta/v1.1/Things?$select=properties&$orderby=id%20desc&$top=100');
    const types = new Set(hints.types);
    const tags = new Set(hints.tags);
    for (const x of things.value) {
      const p = x.properties || {};
      if (typeof p['cityops:type'] === 'string') types.add(p['cityops:type']);
      if (Array.isArray(p['cityops:tags'])) p['cityops:tags'].filter((s) => typeof s === 'string').forEach((s) => tags.add(s));
    }
    hints.types = [...types];
    hints.tags = [...tags].sort();
  } catch (e) { /* suggestions only: the fields take any text */ }
}

/** Adds tags the rules already watch to the suggestions. */
export function hintTags(rules) {
  const tags = new Set(hints.tags);
  for (const r of rules) for (const w of watchesOf(r.definition)) (w.tags || []).forEach((x) => tags.add(x));
  hints.tags = [...tags].sort();
}

/** Returns the watches of a definition: its own, or its correlation inputs'. */
export function watchesOf(d) {
  if (!d) return [];
  if (d.kind === 'CORRELATION') return ((d.correlation && d.correlation.inputs) || []).map((i) => i.watch || {});
  return d.watch ? [d.watch] : [];
}

/** Names of divisions and unit grids by code, fetched once each. */
const places = reactive({});
const asked = new Set();

/** Returns the name of a division or unit grid, fetching it the first time ('' until it arrives). */
export function placeName(code) {
  if (!code) return '';
  if (!asked.has(code)) {
    asked.add(code);
    api.get((isGridCode(code) ? '/api/v1/grids/' : '/api/v1/divisions/') + encodeURIComponent(code))
      .then((x) => { places[code] = x.name; })
      .catch(() => { places[code] = ''; });
  }
  return places[code] || '';
}

/** Tags as chips: Enter, comma or a blur turns the typed text into chips; × removes one. */
export const TagInput = {
  props: ['watchForm', 'name'],
  setup(props) {
    function commit() {
      const w = props.watchForm;
      for (const x of splitTags(w.tagDraft)) if (!w.tags.includes(x)) w.tags.push(x);
      w.tagDraft = '';
    }
    function key(e) {
      if (e.key === 'Enter' || e.key === ',' || e.key === '，') { e.preventDefault(); commit(); }
      else if (e.key === 'Backspace' && !props.watchForm.tagDraft && props.watchForm.tags.length) props.watchForm.tags.pop();
    }
    const remove = (i) => props.watchForm.tags.splice(i, 1);
    return { commit, key, remove, t };
  },
  template: `<div class="chips" :data-t="'tags-' + name">
    <span v-for="(x, i) in watchForm.tags" :key="x" class="chip" :data-tag="x">{{ x }}
      <button type="button" class="chip-x" @click="remove(i)" :title="t('rule.removeTag')" :data-remove-tag="x">×</button></span>
    <input v-model="watchForm.tagDraft" :name="name + '.tags'" list="tag-hints" :placeholder="t('rule.tagsHint')"
      @keydown="key" @blur="commit" @change="commit" data-t="tag-input">
  </div>`,
};

const LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'];

/**
 * A region or unit grid picked level by level from the city model (city → district → street →
 * community → grid). The deepest level picked is the value: a grid goes to `grid`, a division to
 * `region`. Levels down to the writer's own region are fixed. A watch the author did not touch
 * keeps its members as they were.
 */
export const PlacePicker = {
  props: ['watchForm', 'floor', 'name'],
  setup(props) {
    const w = props.watchForm;
    const path = ref(placePath(w.grid || w.region));
    const options = reactive([[], [], [], [], []]);
    const fixed = computed(() => placePath(props.floor).length);

    async function loadLevel(i) {
      if (i >= LEVELS.length) return;
      const parent = path.value[i - 1];
      if (i > 0 && !parent) { options[i] = []; return; }
      try {
        const page = i === 0 ? await api.get('/api/v1/divisions?level=CITY&size=1000')
          : i === 4 ? await api.get('/api/v1/grids?community=' + encodeURIComponent(parent) + '&size=1000')
            : await api.get('/api/v1/divisions?parent=' + encodeURIComponent(parent) + '&size=1000');
        // the city model nests by code, but a parent's list may also hold other levels' divisions
        options[i] = page.items.filter((x) => i === 4 || x.level === LEVELS[i]);
      } catch (e) { options[i] = []; }
    }

    function pick(i, code) {
      path.value = code ? [...path.value.slice(0, i), code] : path.value.slice(0, i);
      for (let j = i + 1; j < LEVELS.length; j++) options[j] = [];
      if (code) loadLevel(i + 1);
      const deepest = path.value[path.value.length - 1] || '';
      w.grid = isGridCode(deepest) ? deepest : '';
      w.region = isGridCode(deepest) ? '' : deepest;
    }

    /** The options of a level, with the picked code kept even when the list lacks it (an inactive one). */
    function choices(i) {
      const code = path.value[i];
      const list = options[i];
      return code && !list.some((x) => x.code === code) ? [{ code, name: placeName(code) || code }, ...list] : list;
    }

    onMounted(async () => {
      if (!path.value.length && props.floor) path.value = placePath(props.floor);
      for (let i = 0; i <= Math.min(path.value.length, LEVELS.length - 1); i++) await loadLevel(i);
    });
    return { path, options, fixed, pick, choices, LEVELS, t };
  },
  template: `<div class="place-picker" :data-t="'place-' + name">
    <template v-for="(level, i) in LEVELS" :key="level">
      <select v-if="i === 0 || path[i - 1]" :value="path[i] || ''" :disabled="i < fixed" :data-level="level"
              @change="pick(i, $event.target.value)">
        <option value="">{{ t('place.' + level) }}</option>
        <option v-for="x in choices(i)" :key="x.code" :value="x.code">{{ x.name }}</option>
      </select>
    </template>
  </div>`,
};

/** An ISO-8601 duration edited as an amount and a unit (seconds, minutes, hours). */
export const DurationInput = {
  props: ['modelValue', 'name', 'placeholder'],
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const parts = reactive({ amount: '', unit: 'M' });
    function read(v) {
      const p = splitDuration(v);
      if (p) { parts.amount = p.amount; parts.unit = p.unit; } else if (!v) { parts.amount = ''; }
    }
    read(props.modelValue);
    watch(() => props.modelValue, (v) => { if (v !== joinDuration(parts.amount, parts.unit)) read(v); });
    const send = () => emit('update:modelValue', joinDuration(parts.amount, parts.unit));
    return { parts, send, t };
  },
  template: `<span class="duration"><input type="number" min="1" step="1" v-model="parts.amount" :name="name"
      :placeholder="placeholder" @input="send">
    <select v-model="parts.unit" @change="send" :name="name + '.unit'">
      <option value="S">{{ t('unit.S') }}</option><option value="M">{{ t('unit.M') }}</option><option value="H">{{ t('unit.H') }}</option>
    </select></span>`,
};

/** A CEL condition; an error naming a line and column is shown under that line with a caret, and a click goes there. */
export const CelField = {
  props: ['modelValue', 'name', 'errors', 'rows'],
  emits: ['update:modelValue'],
  setup(props) {
    const area = ref(null);
    /** Returns the source line an error names and the spaces before its caret, or null. */
    function marked(e) {
      const at = celPosition(e.message);
      if (!at) return null;
      const line = String(props.modelValue || '').split('\n')[at.line - 1];
      if (line === undefined) return null;
      return { line, pad: ' '.repeat(Math.max(0, Math.min(at.column - 1, line.length))) };
    }
    function go(e) {
      const at = celPosition(e.message);
      if (!at || !area.value) return;
      const lines = String(props.modelValue || '').split('\n');
      let offset = 0;
      for (let i = 0; i < at.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      offset += at.column - 1;
      area.value.focus();
      area.value.setSelectionRange(offset, offset + 1);
    }
    return { area, marked, go };
  },
  template: `<div class="cel-field">
    <textarea ref="area" :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" :name="name"
      :rows="rows || 3" spellcheck="false" :class="{ bad: errors && errors.length }" :data-cel="name"></textarea>
    <div v-for="(e, i) in errors" :key="i" class="field-error cel-error" :data-error="name" @click="go(e)">{{ e.message }}
      <pre v-if="marked(e)" class="cel-caret" data-t="cel-caret">{{ marked(e).line }}
{{ marked(e).pad }}^</pre></div>
  </div>`,
};

/** The members of one watch as fields; errors of the server under the member they name. */
export const WatchFields = {
  props: ['watchForm', 'path', 'floor', 'errs'],
  components: { TagInput, PlacePicker },
  setup() {
    const departments = computed(() => refs.departments);
    return { typeName, departments, departmentName, t };
  },
  template: `<fieldset class="watch-fields" :data-watch="path">
    <legend>{{ t('rule.watchTitle') }}</legend>
    <span v-for="e in errs(path, true)" class="field-error" :data-error="path">{{ e.message }}</span>
    <div class="grid2">
      <label>{{ t('watch.observedProperty') }}
        <input v-model="watchForm.observedProperty" :name="path + '.observedProperty'" list="property-hints">
        <span v-for="e in errs(path + '.observedProperty')" class="field-error" :data-error="path + '.observedProperty'">{{ e.message }}</span></label>
      <label>{{ t('watch.propertyDefinition') }}
        <input v-model="watchForm.propertyDefinition" :name="path + '.propertyDefinition'" placeholder="URI">
        <span v-for="e in errs(path + '.propertyDefinition')" class="field-error" :data-error="path + '.propertyDefinition'">{{ e.message }}</span></label>
      <label>{{ t('watch.thingType') }}
        <input v-model="watchForm.thingType" :name="path + '.thingType'" list="type-hints" :placeholder="t('rule.any')">
        <span v-if="watchForm.thingType" class="small">{{ typeName(watchForm.thingType) }}</span></label>
      <label>{{ t('watch.departmentId') }}
        <select v-model="watchForm.departmentId" :name="path + '.departmentId'">
          <option value="">{{ t('rule.any') }}</option>
          <option v-if="watchForm.departmentId !== '' && !departments.some((d) => d.id === watchForm.departmentId)"
                  :value="watchForm.departmentId">{{ departmentName(watchForm.departmentId) }}</option>
          <option v-for="d in departments" :key="d.id" :value="d.id">{{ d.name }}</option>
        </select>
        <span v-for="e in errs(path + '.departmentId')" class="field-error" :data-error="path + '.departmentId'">{{ e.message }}</span></label>
    </div>
    <label>{{ t('watch.tags') }}
      <TagInput :watch-form="watchForm" :name="path"/>
      <span v-for="e in errs(path + '.tags')" class="field-error" :data-error="path + '.tags'">{{ e.message }}</span></label>
    <label>{{ t('watch.place') }}
      <PlacePicker :watch-form="watchForm" :floor="floor" :name="path"/>
      <span v-for="e in [...errs(path + '.region'), ...errs(path + '.grid')]" class="field-error" :data-error="path + '.region'">{{ e.message }}</span></label>
  </fieldset>`,
};

/** The suggestion lists the free-text fields refer to, once per page. */
export const HintLists = {
  setup() { onMounted(loadHints); return { hints, typeName }; },
  template: `<div hidden>
    <datalist id="property-hints"><option v-for="x in hints.properties" :key="x" :value="x"></option></datalist>
    <datalist id="type-hints"><option v-for="x in hints.types" :key="x" :value="x">{{ typeName(x) }}</option></datalist>
    <datalist id="tag-hints"><option v-for="x in hints.tags" :key="x" :value="x"></option></datalist>
  </div>`,
};

/** A watch in a line: property, sensor type, tags as chips, place and department by name. */
export const WatchSummary = {
  props: ['watch'],
  setup() { return { typeName, placeName, departmentName, t }; },
  template: `<span class="watch-summary" data-t="rule-watch">
    <b>{{ watch.observedProperty || watch.propertyDefinition }}</b>
    <span v-if="watch.thingType" class="small"> · {{ typeName(watch.thingType) }}</span>
    <span v-for="x in (watch.tags || [])" :key="x" class="chip small-chip" :data-tag="x">{{ x }}</span>
    <span v-if="watch.region" class="small" :data-place="watch.region"> · {{ placeName(watch.region) || watch.region }}</span>
    <span v-if="watch.grid" class="small" :data-place="watch.grid"> · {{ placeName(watch.grid) || watch.grid }}</span>
    <span v-if="watch.departmentId != null" class="small"> · {{ departmentName(watch.departmentId) }}</span>
  </span>`,
};
