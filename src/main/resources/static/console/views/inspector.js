// The grid inspector's phone view (巡查): report a problem with its position (GPS or a tap on the
// map of the inspector's own grids) and photos, fix on the spot, and verify handled cases.
import { ref, reactive, onMounted, onBeforeUnmount, nextTick } from 'vue';
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { ProblemBox, refs, loadRefs } from '../common.js';
import { Workbench } from './workbench.js';

export const InspectorView = {
  components: { ProblemBox, Workbench },
  setup() {
    const tab = ref('report');
    const form = reactive({ categoryCode: '', description: '', address: '', selfFixed: false, lat: null, lon: null });
    const problem = ref(null);
    const done = ref(null);
    const sending = ref(false);
    const mapEl = ref(null);
    const photos = ref(null), before = ref(null), after = ref(null);
    let map = null, marker = null;

    function place(lat, lon) {
      form.lat = Number(lat.toFixed(6));
      form.lon = Number(lon.toFixed(6));
      if (!map) return;
      if (marker) marker.setLatLng([lat, lon]); else marker = L.marker([lat, lon]).addTo(map);
    }

    async function drawMap() {
      await nextTick();
      if (!mapEl.value) return;
      map = L.map(mapEl.value, { attributionControl: false });
      map.setView([30, 110], 4);
      map.on('click', (e) => place(e.latlng.lat, e.latlng.lng));
      const region = session.user && session.user.regionCode;
      if (region) {
        try {
          const geo = await api.get('/api/v1/geo/features?kind=grid&parent=' + encodeURIComponent(region));
          const layer = L.geoJSON(geo, { style: { color: '#4aa3ff', weight: 1, fillOpacity: 0.08 } }).addTo(map);
          layer.on('click', (e) => place(e.latlng.lat, e.latlng.lng));
          if (geo.features.length) map.fitBounds(layer.getBounds());
        } catch (e) { /* the map still lets the inspector use GPS */ }
      }
    }

    function gps() {
      if (!navigator.geolocation) { problem.value = { message: 'GPS unavailable', errors: [] }; return; }
      navigator.geolocation.getCurrentPosition((p) => { place(p.coords.latitude, p.coords.longitude); map && map.setView([form.lat, form.lon], 17); },
        (e) => { problem.value = { message: e.message, errors: [] }; }, { enableHighAccuracy: true, timeout: 15000 });
    }

    async function send() {
      problem.value = null;
      done.value = null;
      const fd = new FormData();
      if (form.lon != null) fd.append('longitude', form.lon);
      if (form.lat != null) fd.append('latitude', form.lat);
      if (form.categoryCode) fd.append('categoryCode', form.categoryCode);
      if (form.description) fd.append('description', form.description);
      if (form.address) fd.append('address', form.address);
      fd.append('selfFixed', form.selfFixed ? 'true' : 'false');
      const add = (el, name) => { if (el && el.files) for (const f of el.files) fd.append(name, f); };
      if (form.selfFixed) { add(before.value, 'before'); add(after.value, 'after'); } else add(photos.value, 'photos');
      sending.value = true;
      try {
        done.value = await api.form('/api/v1/inspections/reports', fd);
        form.description = ''; form.address = '';
        [photos, before, after].forEach((r) => { if (r.value) r.value.value = ''; });
      } catch (e) { problem.value = e; }
      sending.value = false;
    }

    onMounted(async () => { await loadRefs(); drawMap(); });
    onBeforeUnmount(() => { if (map) map.remove(); });
    function show(which) {
      tab.value = which;
      if (which === 'report') { map = null; marker = null; drawMap(); if (form.lat != null) nextTick(() => place(form.lat, form.lon)); }
    }
    return { tab, form, problem, done, sending, mapEl, photos, before, after, gps, send, show, refs, t };
  },
  template: `<div class="inspector" data-view="inspector">
    <nav class="tabs"><button :class="{ on: tab === 'report' }" data-queue="report" @click="show('report')">{{ t('report.title') }}</button>
      <button :class="{ on: tab === 'verify' }" data-queue="verify" @click="show('verify')">{{ t('queue.verify') }}</button></nav>
    <form v-if="tab === 'report'" class="report-form" @submit.prevent="send" data-t="report-form">
      <div class="pick-map" ref="mapEl" data-t="pick-map"></div>
      <div class="row"><button type="button" @click="gps" data-t="gps">{{ t('report.gps') }}</button>
        <span class="small" data-t="position">{{ form.lat != null ? (form.lon + ', ' + form.lat) : t('report.pick') }}</span></div>
      <label>{{ t('form.category') }}<select v-model="form.categoryCode" name="categoryCode"><option value="">{{ t('form.choose') }}</option>
        <option v-for="s in refs.categories" :key="s.code" :value="s.code">{{ s.main }} / {{ s.name }}</option></select></label>
      <label>{{ t('report.description') }}<textarea v-model="form.description" name="description" rows="3"></textarea></label>
      <label>{{ t('report.address') }}<input v-model="form.address" name="address"></label>
      <label class="check"><input type="checkbox" v-model="form.selfFixed" name="selfFixed"> {{ t('report.selfFixed') }}</label>
      <label v-if="!form.selfFixed">{{ t('report.photos') }}<input type="file" ref="photos" name="photos" accept="image/*" capture="environment" multiple></label>
      <template v-else>
        <label>{{ t('report.before') }}<input type="file" ref="before" name="before" accept="image/*" multiple></label>
        <label>{{ t('report.after') }}<input type="file" ref="after" name="after" accept="image/*" multiple></label>
      </template>
      <ProblemBox :problem="problem"/>
      <div v-if="done" class="notice" data-t="reported">{{ t('report.done') }} <span class="mono" data-t="reported-no">{{ done.caseNo }}</span> · <a :href="'#/case/' + done.caseId">{{ done.state }}</a></div>
      <button type="submit" class="primary big" :disabled="sending" data-t="send-report">{{ t('report.send') }}</button>
    </form>
    <Workbench v-else kind="verify"/>
  </div>`,
};
