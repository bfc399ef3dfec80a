// The rule editor's form state and the rule definition it stands for (docs/rules.md): which members
// each kind uses, ISO-8601 durations as amount and unit, and a watch as editable fields. A
// definition holds only the members its kind uses, as the server refuses the others.

export const KINDS = ['CONDITION', 'DURATION', 'HYSTERESIS', 'ABSENCE', 'CORRELATION', 'ANOMALY'];
export const KEY_BY = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'];
export const URGENCIES = ['NORMAL', 'URGENT', 'CRITICAL'];
/** The fewest and most inputs of a correlation. */
export const INPUTS_MIN = 2;
export const INPUTS_MAX = 8;

/** Returns whether a rule of the kind uses the member (the server refuses the others). */
export function uses(kind, member) {
  switch (member) {
    case 'watch': return kind !== 'CORRELATION';
    case 'condition': return ['CONDITION', 'DURATION', 'HYSTERESIS'].includes(kind);
    case 'clearCondition': return kind === 'HYSTERESIS';
    // any condition may read window.*; a correlation combines its inputs within it
    case 'window': return ['CONDITION', 'DURATION', 'HYSTERESIS', 'CORRELATION'].includes(kind);
    case 'holdFor': return kind === 'DURATION';
    case 'absentFor': return kind === 'ABSENCE';
    case 'correlation': return kind === 'CORRELATION';
    case 'anomaly': return kind === 'ANOMALY';
    default: return true;
  }
}

const UNIT_SECONDS = { H: 3600, M: 60, S: 1 };

/** Returns {amount, unit} (unit H, M or S, the largest that divides it) of an ISO-8601 duration, or null. */
export function splitDuration(iso) {
  if (!iso) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(iso).trim());
  if (!m) return null;
  const seconds = (+(m[1] || 0)) * 86400 + (+(m[2] || 0)) * 3600 + (+(m[3] || 0)) * 60 + (+(m[4] || 0));
  for (const unit of ['H', 'M']) {
    if (seconds > 0 && seconds % UNIT_SECONDS[unit] === 0) return { amount: seconds / UNIT_SECONDS[unit], unit };
  }
  return { amount: seconds, unit: 'S' };
}

/**
 * Returns the ISO-8601 duration of an amount of a unit (H, M or S), '' when the amount is blank; a
 * fraction of an hour or minute is written in seconds, the only unit ISO-8601 durations in Java take fractions of.
 */
export function joinDuration(amount, unit) {
  if (amount === '' || amount == null || Number.isNaN(Number(amount))) return '';
  const n = Number(amount);
  return Number.isInteger(n) ? 'PT' + n + unit : 'PT' + Math.round(n * UNIT_SECONDS[unit]) + 'S';
}

/** Returns the editable fields of a watch (empty ones for none). */
export function watchForm(w) {
  const x = w || {};
  return {
    observedProperty: x.observedProperty || '', propertyDefinition: x.propertyDefinition || '',
    thingType: x.thingType || '', region: x.region || '', grid: x.grid || '',
    departmentId: x.departmentId == null ? '' : x.departmentId, tags: [...(x.tags || [])], tagDraft: '',
  };
}

/** Returns the tags of a comma- or space-separated text (Chinese commas too), blanks left out. */
export function splitTags(text) {
  return String(text || '').split(/[,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** Returns the watch the fields describe: only the members filled in; a half-typed tag counts. */
export function watchOf(f) {
  const w = {};
  for (const k of ['observedProperty', 'propertyDefinition', 'thingType', 'region', 'grid']) {
    const v = String(f[k] || '').trim();
    if (v) w[k] = v;
  }
  if (f.departmentId !== '' && f.departmentId != null) w.departmentId = Number(f.departmentId);
  const tags = [...f.tags];
  for (const x of splitTags(f.tagDraft)) if (!tags.includes(x)) tags.push(x);
  if (tags.length) w.tags = tags;
  return w;
}

/** Returns the form state of a rule definition (a new rule's when null, watching inside region). */
export function ruleForm(d, region) {
  const def = d || { kind: 'CONDITION', severity: 'YELLOW', watch: region ? { region } : {} };
  const c = def.correlation || {};
  const inputs = (c.inputs || []).map((i) => ({ name: i.name || '', watch: watchForm(i.watch), condition: i.condition || '' }));
  while (inputs.length < INPUTS_MIN) inputs.push({ name: '', watch: watchForm(region ? { region } : null), condition: '' });
  const a = def.anomaly || {};
  const p = def.casePolicy || {};
  return {
    name: def.name || '', description: def.description || '', kind: def.kind || 'CONDITION', severity: def.severity || 'YELLOW',
    watch: watchForm(def.watch || (region ? { region } : null)),
    condition: def.condition || '', clearCondition: def.clearCondition || '',
    window: def.window || '', holdFor: def.holdFor || '', absentFor: def.absentFor || '',
    keyBy: c.keyBy || 'GRID', inputs,
    anomaly: { warmup: a.warmup ?? '', threshold: a.threshold ?? '', alpha: a.alpha ?? '' },
    casePolicy: { mode: p.mode || 'NONE', categoryCode: p.categoryCode || '', urgency: p.urgency || 'NORMAL',
      resolveOnClose: p.resolveOnClose !== false },
  };
}

/** Returns the rule definition the form describes, with the members of its kind only. */
export function definitionOf(f) {
  const d = { name: f.name.trim(), kind: f.kind, severity: f.severity };
  if (f.description.trim()) d.description = f.description.trim();
  const k = f.kind;
  if (uses(k, 'watch')) d.watch = watchOf(f.watch);
  if (uses(k, 'condition') && f.condition.trim()) d.condition = f.condition;
  if (uses(k, 'clearCondition') && f.clearCondition.trim()) d.clearCondition = f.clearCondition;
  // a window the kind does not need is kept while the form shows it (the author may clear it)
  if (f.window) d.window = f.window;
  if (uses(k, 'holdFor') && f.holdFor) d.holdFor = f.holdFor;
  if (uses(k, 'absentFor') && f.absentFor) d.absentFor = f.absentFor;
  if (uses(k, 'correlation')) {
    d.correlation = { keyBy: f.keyBy, inputs: f.inputs.map((i) => ({ name: i.name.trim(), watch: watchOf(i.watch), condition: i.condition })) };
  }
  if (uses(k, 'anomaly')) {
    const a = {};
    if (f.anomaly.warmup !== '') a.warmup = Number(f.anomaly.warmup);
    if (f.anomaly.threshold !== '') a.threshold = Number(f.anomaly.threshold);
    if (f.anomaly.alpha !== '') a.alpha = Number(f.anomaly.alpha);
    if (Object.keys(a).length) d.anomaly = a;
  }
  if (f.casePolicy.mode === 'OPEN_CASE') {
    d.casePolicy = { mode: 'OPEN_CASE', categoryCode: f.casePolicy.categoryCode, urgency: f.casePolicy.urgency,
      resolveOnClose: f.casePolicy.resolveOnClose };
  }
  return d;
}

/**
 * Returns the division levels above and including a city-model code (GB/T 2260 extended per GB/T
 * 30428.1: city 6 digits ending in 00, district 6, street 9, community 12, unit grid 14–16 digits).
 */
export function placePath(code) {
  if (!code) return [];
  const c = String(code);
  const path = [c.slice(0, 4) + '00'];
  if (c.length === 6 && c.endsWith('00')) return path;
  path.push(c.slice(0, 6));
  for (const n of [9, 12]) if (c.length >= n) path.push(c.slice(0, n));
  if (c.length >= 14) path.push(c);
  return path;
}

/** Returns whether a city-model code is a unit grid's. */
export const isGridCode = (code) => String(code || '').length >= 14;

/** Returns the position {line, column} (from 1) a CEL error message names, or null. */
export function celPosition(message) {
  const m = /line (\d+), column (\d+)/.exec(message || '');
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}
