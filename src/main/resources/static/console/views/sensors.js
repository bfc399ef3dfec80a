// Sensors (感知设备): the devices of the caller's scope from GET /api/v1/sensors with their latest
// values, on a list and a map coloured by liveness (the platform's `online`), and the history of a datastream (ECharts) read
// from the SensorThings API.
import { ref, computed, onMounted, onBeforeUnmount, nextTick } from 'vue';
import { api, session } from '../api.js';
import { t, lang } from '../i18n.js';
import { ProblemBox, fmtTime } from '../common.js';

export const SENSOR_COLORS = { online: '#2fd48f', offline: '#8a94a6', none: '#4a5872' };
export const SENSOR_TYPES = ['water-level', 'rain-gauge', 'air-quality', 'manhole-cover', 'smoke-detector',
  'bridge-strain', 'traffic-counter'];

/**
 * Returns online or offline as the platform's device liveness says, or none for a device whose
 * datastreams declare no expected reporting interval (the platform does not watch it).
 */
export function sensorState(s) {
  if (typeof s.online === 'boolean') return s.online ? 'online' : 'offline';
  return 'none';
}

/** Returns the latest value of a sensor's first datastream with its unit, or a dash. */
export function latestText(s) {
  const d = (s.datastreams || [])[0];
  if (!d || d.result === null || d.result === undefined) return '—';
  const unit = d.unitOfMeasurement && d.unitOfMeasurement.symbol ? ' ' + d.unitOfMeasurement.symbol : '';
  return (typeof d.result === 'number' ? String(d.result) : JSON.stringify(d.result)) + unit;
}

export const typeName = (type) => t('sensorType.' + type) === 'sensorType.' + type ? type : t('sensorType.' + type);

export const SensorsView = {
  components: { ProblemBox },
  setup() {
    const sensors = ref([]);
    const type = ref('');
    const selected = ref(null);
    const history = ref([]);
    const problem = ref(null);
    const mapEl = ref(null);
    const chartEl = ref(null);
    let map = null, layer = null, outline = null, chart = null, timer = null;

    const shown = computed(() => sensors.value.filter((s) => !type.value || s.type === type.value));
    const counts = computed(() => {
      const c = { online: 0, offline: 0, none: 0 };
      shown.value.forEach((s) => { c[sensorState(s)]++; });
      return c;
    });

    async function load() {
      problem.value = null;
      try {
        sensors.value = await api.get('/api/v1/sensors');
        await nextTick();
        drawMap();
      } catch (e) { problem.value = e; }
    }

    /** Draws the streets of the caller's region (or the first city) beneath the sensors, for orientation. */
    async function drawOutline() {
      try {
        let code = session.user && session.user.regionCode;
        if (!code) {
          const cities = await api.get('/api/v1/divisions?level=CITY&size=1');
          code = cities.items.length ? cities.items[0].code : null;
        }
        if (!code) return;
        const geo = await api.get('/api/v1/geo/features?kind=street&parent=' + encodeURIComponent(code));
        outline = L.geoJSON(geo, { interactive: false,
          style: { color: '#3d5f99', weight: 1, fillColor: '#16305a', fillOpacity: 0.35 } }).addTo(map);
        outline.bringToBack();
      } catch (e) { /* a region without streets is shown without outlines */ }
    }

    function drawMap() {
      if (!map) {
        // no tile layer sets a zoom limit, so the map gets its own (one sensor would zoom in without end)
        map = L.map(mapEl.value, { attributionControl: false, zoomSnap: 0.25, maxZoom: 18 });
        drawOutline();
      }
      if (layer) layer.remove();
      layer = L.featureGroup();
      for (const s of shown.value) {
        if (s.longitude == null || s.latitude == null) continue;
        const state = sensorState(s);
        const chosen = selected.value && selected.value.id === s.id;
        L.circleMarker([s.latitude, s.longitude], { radius: chosen ? 9 : 6, weight: chosen ? 3 : 1,
          color: chosen ? '#ffffff' : '#0b1426', fillColor: SENSOR_COLORS[state], fillOpacity: 0.9,
          className: 'sensor sensor-' + state })
          .bindTooltip(s.name + '<br>' + latestText(s))
          .on('click', () => choose(s))
          .addTo(layer);
      }
      layer.addTo(map);
      map.invalidateSize();
      if (layer.getLayers().length && !selected.value) map.fitBounds(layer.getBounds(), { padding: [16, 16], maxZoom: 15 });
    }

    async function choose(s) {
      selected.value = s;
      drawMap();
      const d = (s.datastreams || [])[0];
      history.value = [];
      if (!d) return;
      try {
        const page = await api.get('/sta/v1.1/Datastreams(' + d.id + ')/Observations?$orderby='
          + encodeURIComponent('phenomenonTime desc') + '&$top=100&$select=phenomenonTime,result');
        history.value = page.value.map((o) => [Date.parse(String(o.phenomenonTime).split('/').pop()), o.result]).reverse();
      } catch (e) { problem.value = e; }
      await nextTick();
      drawChart();
    }

    function drawChart() {
      if (!chartEl.value) return;
      if (!chart) chart = echarts.init(chartEl.value, null, { renderer: 'canvas' });
      const d = selected.value && selected.value.datastreams[0];
      const unit = d && d.unitOfMeasurement ? d.unitOfMeasurement.symbol : '';
      chart.setOption({
        animation: false, textStyle: { color: '#cfe0ff' }, grid: { left: 56, right: 16, top: 28, bottom: 28 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'time', axisLabel: { color: '#9fb3d9' } },
        yAxis: { type: 'value', name: unit, nameTextStyle: { color: '#9fb3d9' }, scale: true,
          axisLabel: { color: '#9fb3d9' }, splitLine: { lineStyle: { color: '#23365c' } } },
        series: [{ type: 'line', showSymbol: false, data: history.value, color: '#4aa3ff', areaStyle: { opacity: 0.12 } }],
      }, true);
      chartEl.value.dataset.points = String(history.value.length);
    }

    function filter() { selected.value = null; drawMap(); }
    const resize = () => { chart && chart.resize(); map && map.invalidateSize(); };
    onMounted(() => {
      load();
      timer = setInterval(load, 60000);
      window.addEventListener('resize', resize);
    });
    onBeforeUnmount(() => {
      clearInterval(timer);
      window.removeEventListener('resize', resize);
      if (map) map.remove();
      if (chart) chart.dispose();
    });
    return { sensors, shown, type, selected, history, problem, mapEl, chartEl, counts, choose, filter, sensorState,
      latestText, typeName, fmtTime, t, lang, SENSOR_TYPES };
  },
  template: `<div class="sensors" data-view="sensors">
    <div class="list-pane">
      <div class="row sensor-bar">
        <select v-model="type" @change="filter" data-t="sensor-type">
          <option value="">{{ t('sensor.allTypes') }}</option>
          <option v-for="ty in SENSOR_TYPES" :key="ty" :value="ty">{{ typeName(ty) }}</option>
        </select>
        <span class="small" data-t="sensor-counts"><span class="dot online"></span>{{ t('sensor.online') }} {{ counts.online }}
          <span class="dot offline"></span>{{ t('sensor.offline') }} {{ counts.offline }}
          <span class="dot none"></span>{{ t('sensor.none') }} {{ counts.none }}</span>
      </div>
      <ProblemBox :problem="problem"/>
      <div class="table-wrap sensor-list"><table class="cases" data-t="sensor-list">
        <thead><tr><th>{{ t('sensor.name') }}</th><th>{{ t('sensor.type') }}</th><th>{{ t('sensor.latest') }}</th>
          <th class="wide">{{ t('sensor.time') }}</th><th>{{ t('sensor.state') }}</th></tr></thead>
        <tbody>
          <tr v-for="s in shown" :key="s.id" :data-sensor="s.id" :class="{ sel: selected && selected.id === s.id }" @click="choose(s)">
            <td>{{ s.name }}</td><td>{{ typeName(s.type) }}</td><td class="mono" data-latest>{{ latestText(s) }}</td>
            <td class="wide small">{{ s.datastreams[0] && s.datastreams[0].phenomenonTime ? fmtTime(s.datastreams[0].phenomenonTime) : '—' }}</td>
            <td><span class="dot" :class="sensorState(s)"></span>{{ t('sensor.' + sensorState(s)) }}</td></tr>
          <tr v-if="!shown.length"><td colspan="5" class="empty">{{ t('noData') }}</td></tr>
        </tbody></table></div>
    </div>
    <div class="detail-pane">
      <div class="sensor-map" ref="mapEl" data-t="sensor-map"></div>
      <div class="panel">
        <h3 data-t="history-title">{{ selected ? (selected.datastreams[0] ? selected.datastreams[0].name : selected.name) : t('sensor.pick') }}</h3>
        <div class="chart history" ref="chartEl" data-t="history"></div>
      </div>
    </div>
  </div>`,
};
