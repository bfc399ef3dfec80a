// The city screen (城市运行一张图): the city's own boundaries coloured by open and overdue cases,
// drill-down city → district → street → community → grid with every figure recomputed for the
// level shown, KPI tiles for today and this month, the trend by day, the top categories and the
// busiest grids; the region's sensors as points coloured by state, and the live feed from the live
// stream. When the figures and the map are drawn the screen sets data-loaded (the benchmark waits
// for it). Then the live layer follows: the region's sensors coloured by liveness, the active
// alerts as markers (and an orange outline on the regions holding them), and the "now" tiles:
// active alerts and devices online.
import { ref, reactive, computed, onMounted, onBeforeUnmount, watch, nextTick } from 'vue';
import { api, session } from '../api.js';
import { t, lang } from '../i18n.js';
import { ProblemBox, fmtTime } from '../common.js';
import { openLive } from '../live.js';
import { sensorState, latestText, SENSOR_COLORS } from './sensors.js';
import { SEVERITY_COLORS } from './alerts.js';

const CHILD = { city: 'district', district: 'street', street: 'community', community: 'grid' };
const COLORS = { none: '#2f8f6b', open: '#e0a526', overdue: '#d9363e' };

export const CityScreen = {
  props: ['config'],
  components: { ProblemBox },
  setup(props) {
    const path = ref([]);
    const today = ref(null);
    const month = ref(null);
    const children = ref([]);
    const problem = ref(null);
    const mapEl = ref(null);
    const trendEl = ref(null);
    const catEl = ref(null);
    const loading = ref(false);
    const loaded = ref(false);
    const busiest = ref([]);
    const feed = ref([]);
    // the stream's own reactive state (online or not)
    const live = ref(null);
    const now = reactive({ activeAlerts: null, alertsMore: false, online: null, devices: null });
    let map = null, layer = null, labels = null, tiles = null, trend = null, cats = null, timer = null;
    let sensorLayer = null, alertLayer = null, stream = null, reloadSoon = null, liveSoon = null;
    let alertCounts = new Map();
    let regionStyle = null;
    let trendData = [], catData = [];

    const here = computed(() => path.value[path.value.length - 1]);

    async function root() {
      const u = session.user;
      let code = u && u.regionCode;
      if (!code && props.config.city) code = props.config.city;
      if (!code) {
        const cities = await api.get('/api/v1/divisions?level=CITY&size=1');
        if (!cities.items.length) {
          // translated where shown, so a language switch afterwards applies to it too
          throw Object.assign(new Error('No city model imported yet'), { key: 'screen.noCity' });
        }
        code = cities.items[0].code;
      }
      const d = await api.get('/api/v1/divisions/' + code);
      return { code, name: d.name, level: d.level.toLowerCase() };
    }

    async function load() {
      if (!here.value) return;
      loading.value = true;
      problem.value = null;
      const r = encodeURIComponent(here.value.code);
      // a grid has no regions below: its map shows the community's grids with it outlined
      const m = encodeURIComponent(here.value.level === 'grid' ? path.value[path.value.length - 2].code : here.value.code);
      try {
        // the boundaries are fetched alongside the figures, not after them
        const [geo, s1, s2, regions, days, top, grids] = await Promise.all([
          features(),
          api.get('/api/v1/insight/summary?period=today&region=' + r),
          api.get('/api/v1/insight/summary?period=month&region=' + r),
          api.get('/api/v1/insight/by-region?period=today&region=' + m),
          api.get('/api/v1/insight/by-day?region=' + r),
          api.get('/api/v1/insight/by-category?region=' + r),
          api.get('/api/v1/insight/busiest-grids?limit=8&region=' + r),
        ]);
        today.value = s1; month.value = s2;
        trendData = days; catData = top; busiest.value = grids;
        await drawMap(regions, geo);
        drawCharts();
        loaded.value = true;
        window.cityopsScreenLoadedAt = performance.now();
      } catch (e) { problem.value = e; }
      loading.value = false;
      drawLive();
    }

    /** Returns whether a place (an alert's location) lies in or is the region with this code. */
    const inside = (loc, code) => !!loc && [loc.gridCode, loc.communityCode, loc.streetCode, loc.districtCode, loc.cityCode].includes(code);

    /** Returns the active (raised or acknowledged) alerts of a region and whether there were more than a page. */
    async function activeAlerts(code) {
      const q = '/api/v1/alerts?limit=200&region=' + encodeURIComponent(code) + '&status=';
      const [raised, acked] = await Promise.all([api.get(q + 'RAISED'), api.get(q + 'ACKNOWLEDGED')]);
      return { items: [...raised.items, ...acked.items], more: !!(raised.nextCursor || acked.nextCursor) };
    }

    /**
     * Draws the live layer over the regions: the sensors as points coloured by liveness, the active
     * alerts as markers coloured by severity (on their sensor, or on their area's centre) with the
     * regions holding them outlined, and fills the "now" tiles.
     */
    async function drawLive() {
      if (!map || !here.value) return;
      const at = here.value;
      const grid = at.level === 'grid';
      const mapCode = grid ? path.value[path.value.length - 2].code : at.code;
      let list = [], alerts = { items: [], more: false }, count = null;
      try {
        [list, alerts, count] = await Promise.all([
          api.get('/api/v1/sensors?' + (grid ? 'grid=' : 'region=') + encodeURIComponent(at.code)),
          activeAlerts(mapCode),
          // the platform's liveness count covers the caller's whole scope: it answers for the top level
          path.value.length === 1 ? api.get('/api/v1/sensors/liveness') : Promise.resolve(null),
        ]);
      } catch (e) { return; }
      if (at !== here.value || !map) return;
      const watched = list.filter((s) => typeof s.online === 'boolean');
      now.devices = count ? count.devices : watched.length;
      now.online = count ? count.online : watched.filter((s) => s.online).length;
      const mine = alerts.items.filter((a) => inside(a.location, at.code));
      now.activeAlerts = mine.length;
      now.alertsMore = alerts.more;

      if (sensorLayer) sensorLayer.remove();
      sensorLayer = L.layerGroup();
      const byStream = new Map();
      for (const s of list) {
        for (const d of (s.datastreams || [])) byStream.set(d.id, s);
        if (s.longitude == null || s.latitude == null) continue;
        const state = sensorState(s);
        L.circleMarker([s.latitude, s.longitude], { radius: 4, weight: 1, color: '#0b1426',
          fillColor: SENSOR_COLORS[state], fillOpacity: 0.95, className: 'sensor sensor-' + state })
          .bindTooltip(s.name + '<br>' + latestText(s) + ' · ' + t('sensor.' + state)).addTo(sensorLayer);
      }
      sensorLayer.addTo(map);

      alertCounts = new Map();
      for (const r of children.value) alertCounts.set(r.code, alerts.items.filter((a) => inside(a.location, r.code)).length);
      if (layer) {
        layer.setStyle(regionStyle);
        // setStyle leaves a path's class as it was drawn: the alert mark is toggled by hand
        layer.eachLayer((l) => { const el = l.getElement && l.getElement();
          if (el) el.classList.toggle('region-alert', alertCounts.get(l.feature.properties.code) > 0); });
      }
      if (alertLayer) alertLayer.remove();
      alertLayer = L.layerGroup();
      const centres = new Map();
      if (layer) layer.eachLayer((l) => centres.set(l.feature.properties.code, l.getBounds().getCenter()));
      for (const a of alerts.items) {
        const [kind, id] = a.subject.split(':');
        const s = kind === 'datastream' ? byStream.get(Number(id)) : null;
        const where = s && s.latitude != null ? [s.latitude, s.longitude] : centres.get(id);
        if (!where) continue;
        L.circleMarker(where, { radius: 9, weight: 2, color: '#ffffff', fillColor: SEVERITY_COLORS[a.severity],
          fillOpacity: 0.9, className: 'alert-marker alert-' + a.severity + ' alert-id-' + a.id })
          .bindTooltip(t('severity.' + a.severity) + ' · ' + a.title)
          .on('click', () => { location.hash = '#/alerts/' + a.id; })
          .addTo(alertLayer);
      }
      alertLayer.addTo(map);
    }

    function onLive(ev) {
      if (ev.event === 'reset') { load(); return; }
      if (ev.event === 'observation') return;
      const d = ev.data && typeof ev.data === 'object' ? ev.data : {};
      let text;
      if (ev.event === 'alert') {
        text = [t('severity.' + d.severity), t('alertChange.' + d.change) === 'alertChange.' + d.change ? d.change : t('alertChange.' + d.change), d.title || d.ruleName || ''].join(' ');
      } else if (d.caseNo) {
        text = [d.caseNo, d.stateName || d.state || d.type || '', d.description || ''].join(' ');
      } else {
        text = d.message || d.title || d.name || (d.thingId != null ? '#' + d.thingId + ' ' + (d.online === false ? t('sensor.offline') : t('sensor.online')) : '');
      }
      feed.value = [{ key: (ev.id || '') + ':' + Math.random(), kind: ev.event, at: d.at || d.occurredAt || new Date().toISOString(),
        alertId: ev.event === 'alert' ? d.alertId : null, severity: ev.event === 'alert' ? d.severity : null,
        text: text || JSON.stringify(d).slice(0, 120) }, ...feed.value].slice(0, 30);
      if (ev.event === 'case' || ev.event === 'alert') {
        clearTimeout(reloadSoon);
        reloadSoon = setTimeout(load, 3000);
      } else if (ev.event === 'device') {
        clearTimeout(liveSoon);
        liveSoon = setTimeout(drawLive, 3000);
      }
    }

    /** Returns the boundaries of the regions one level below the one shown (a grid's siblings for a grid). */
    function features() {
      const level = here.value.level;
      const kind = CHILD[level] || 'grid';
      const parent = level === 'grid' ? path.value[path.value.length - 2].code : here.value.code;
      return api.get('/api/v1/geo/features?kind=' + kind + '&parent=' + encodeURIComponent(parent));
    }

    async function drawMap(regions, geo) {
      const level = here.value.level;
      const kind = CHILD[level] || 'grid';
      const counts = new Map(regions.items.map((x) => [x.code, x]));
      const rows = geo.features.map((f) => {
        const c = counts.get(f.properties.code) || { reported: 0, open: 0, overdue: 0 };
        return { code: f.properties.code, name: f.properties.name, kind, reported: c.reported, open: c.open, overdue: c.overdue };
      });
      children.value = rows;
      if (!map) {
        map = L.map(mapEl.value, { attributionControl: !!props.config.tileUrl, zoomSnap: 0.25 });
        if (props.config.tileUrl) {
          tiles = L.tileLayer(props.config.tileUrl, { attribution: props.config.tileAttribution || '' }).addTo(map);
        }
      }
      if (layer) layer.remove();
      if (labels) labels.remove();
      labels = L.layerGroup();
      alertCounts = new Map();
      regionStyle = (f) => {
        const c = counts.get(f.properties.code);
        const status = !c || !c.open ? 'none' : (c.overdue ? 'overdue' : 'open');
        const chosen = level === 'grid' && f.properties.code === here.value.code;
        const alerted = alertCounts.get(f.properties.code) > 0;
        return { color: chosen ? '#ffffff' : (alerted ? '#f97316' : '#9fc3ff'), weight: chosen ? 3 : (alerted ? 2.5 : 1.2),
          dashArray: alerted && !chosen ? '6 4' : null, fillColor: COLORS[status],
          fillOpacity: status === 'none' ? 0.25 : 0.55, className: 'region region-' + status + (alerted ? ' region-alert' : '') };
      };
      layer = L.geoJSON(geo, {
        style: regionStyle,
        onEachFeature: (f, l) => {
          const c = counts.get(f.properties.code) || { open: 0, overdue: 0 };
          l.bindTooltip(f.properties.name + '<br>' + t('kpi.open') + ' ' + c.open + ' · ' + t('kpi.overdue') + ' ' + c.overdue,
            { sticky: true });
          l.on('click', () => drill({ code: f.properties.code, name: f.properties.name, level: f.properties.kind }));
          const c2 = counts.get(f.properties.code);
          const html = '<b>' + f.properties.name + '</b>' + (c2 && c2.open ? '<span>' + c2.open + '</span>' : '');
          labels.addLayer(L.marker(l.getBounds().getCenter(), { interactive: false,
            icon: L.divIcon({ className: 'region-label', html, iconSize: null }) }));
        },
      }).addTo(map);
      labels.addTo(map);
      await nextTick();
      map.invalidateSize();
      if (geo.features.length) map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    }

    function drawCharts() {
      const dark = { animation: false, textStyle: { color: '#cfe0ff' } };
      if (!trend) trend = echarts.init(trendEl.value, null, { renderer: 'canvas' });
      trend.setOption({
        ...dark, grid: { left: 36, right: 12, top: 28, bottom: 24 },
        legend: { data: [t('kpi.reported'), t('kpi.closed')], textStyle: { color: '#cfe0ff' } },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: trendData.map((d) => d.day.substring(5)), axisLabel: { color: '#9fb3d9' } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#9fb3d9' }, splitLine: { lineStyle: { color: '#23365c' } } },
        series: [
          { name: t('kpi.reported'), type: 'line', data: trendData.map((d) => d.reported), color: '#4aa3ff', areaStyle: { opacity: 0.15 } },
          { name: t('kpi.closed'), type: 'line', data: trendData.map((d) => d.closed), color: '#2fd48f' },
        ],
      }, true);
      if (!cats) cats = echarts.init(catEl.value, null, { renderer: 'canvas' });
      const top = [...catData].reverse();
      cats.setOption({
        ...dark, grid: { left: 110, right: 24, top: 8, bottom: 20 }, tooltip: {},
        xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#9fb3d9' }, splitLine: { lineStyle: { color: '#23365c' } } },
        yAxis: { type: 'category', data: top.map((c) => c.name || c.categoryCode || '—'), axisLabel: { color: '#cfe0ff', width: 100, overflow: 'truncate' } },
        series: [{ type: 'bar', data: top.map((c) => c.reported), color: '#f5a524', barMaxWidth: 16 }],
      }, true);
    }

    function drill(r) {
      if (here.value.level === 'grid') {
        path.value = [...path.value.slice(0, -1), r];
      } else {
        path.value = [...path.value, r];
      }
    }
    function up(i) { path.value = path.value.slice(0, i + 1); }
    const resize = () => { trend && trend.resize(); cats && cats.resize(); map && map.invalidateSize(); };
    const pct = (s) => (s && s.onTimeCloseRate != null) ? (s.onTimeCloseRate * 100).toFixed(1) + '%' : '—';

    watch(path, load);
    watch(lang, () => { if (trend) drawCharts(); });
    onMounted(async () => {
      try { path.value = [await root()]; } catch (e) { problem.value = e; }
      window.addEventListener('resize', resize);
      timer = setInterval(load, Math.max(10, props.config.refreshSeconds || 60) * 1000);
      stream = openLive(onLive);
      live.value = stream.state;
    });
    onBeforeUnmount(() => {
      clearInterval(timer);
      clearTimeout(reloadSoon);
      clearTimeout(liveSoon);
      if (stream) stream.close();
      window.removeEventListener('resize', resize);
      if (map) map.remove();
      if (trend) trend.dispose();
      if (cats) cats.dispose();
    });
    const busiestMax = computed(() => Math.max(1, ...busiest.value.map((g) => g.open)));
    return { path, here, today, month, children, problem, mapEl, trendEl, catEl, loading, loaded, busiest, busiestMax,
      feed, live, now, up, drill, pct, t, lang, fmtTime };
  },
  template: `<div class="screen" data-view="screen" :data-loaded="loaded ? 'true' : null">
    <div class="crumbs" data-t="crumbs">
      <template v-for="(p, i) in path" :key="p.code">
        <a href="#" @click.prevent="up(i)" :data-code="p.code">{{ p.name || p.code }}</a><span v-if="i < path.length - 1"> › </span>
      </template>
      <span v-if="loading" class="small"> {{ t('loading') }}</span>
    </div>
    <ProblemBox :problem="problem"/>
    <div class="kpis" data-t="kpis">
      <div v-for="[key, s] in [['today', today], ['month', month]]" :key="key" class="kpi-group">
        <h3>{{ t('kpi.' + key) }}</h3>
        <div class="tiles">
          <div class="tile" v-for="k in ['reported','registered','dispatched','closed']" :key="k">
            <span class="label">{{ t('kpi.' + k) }}</span><span class="num" :data-kpi="key + '.' + k">{{ s ? s[k] : '—' }}</span></div>
          <div class="tile"><span class="label">{{ t('kpi.onTimeCloseRate') }}</span><span class="num" :data-kpi="key + '.onTimeCloseRate'">{{ pct(s) }}</span></div>
          <div class="tile warn"><span class="label">{{ t('kpi.overdue') }}</span><span class="num" :data-kpi="key + '.overdue'">{{ s ? s.overdue : '—' }}</span></div>
        </div>
      </div>
      <div class="kpi-group now">
        <h3>{{ t('kpi.now') }}</h3>
        <div class="tiles">
          <div class="tile alert"><span class="label">{{ t('kpi.activeAlerts') }}</span>
            <a class="num" href="#/alerts" data-kpi="now.activeAlerts">{{ now.activeAlerts == null ? '—' : now.activeAlerts + (now.alertsMore ? '+' : '') }}</a></div>
          <div class="tile"><span class="label">{{ t('kpi.devicesOnline') }}</span>
            <span class="num" data-kpi="now.devicesOnline">{{ now.online == null ? '—' : now.online }}<small v-if="now.devices != null"> / {{ now.devices }}</small></span></div>
        </div>
      </div>
    </div>
    <div class="screen-main">
      <div class="map-box"><div class="city-map" ref="mapEl" data-t="city-map"></div>
        <div class="legend"><span class="sw none"></span>{{ t('legend.none') }} <span class="sw open"></span>{{ t('legend.open') }}
          <span class="sw overdue"></span>{{ t('legend.overdue') }}
          <span class="dot online"></span>{{ t('sensor.online') }} <span class="dot offline"></span>{{ t('sensor.offline') }}
          <span class="sw alert"></span>{{ t('legend.alert') }}</div></div>
      <div class="side">
        <div class="panel"><h3>{{ t('chart.trend') }}</h3><div class="chart" ref="trendEl" data-t="trend"></div></div>
        <div class="panel"><h3>{{ t('chart.categories') }}</h3><div class="chart" ref="catEl" data-t="categories"></div></div>
        <div class="panel"><h3>{{ t('chart.busiest') }}</h3>
          <table class="regions busiest" data-t="busiest"><thead><tr><th>{{ t('grid.name') }}</th><th>{{ t('kpi.open') }}</th><th>{{ t('kpi.overdue') }}</th><th></th></tr></thead>
            <tbody><tr v-for="g in busiest" :key="g.code" :data-grid="g.code">
              <td>{{ g.name || g.code }}</td><td>{{ g.open }}</td><td :class="{ red: g.overdue }">{{ g.overdue }}</td>
              <td class="bar"><div class="fill" :style="{ width: (100 * g.open / busiestMax) + '%' }"></div></td></tr>
              <tr v-if="!busiest.length"><td colspan="4" class="empty">{{ t('noData') }}</td></tr></tbody></table>
        </div>
        <div class="panel"><h3>{{ t('live.title') }}
            <span class="live-state" :class="live && live.online ? 'on' : 'off'" data-t="live-state">{{ live && live.online ? t('live.online') : t('live.offline') }}</span></h3>
          <ul class="feed" data-t="feed"><li v-for="f in feed" :key="f.key" :data-kind="f.kind" :data-alert="f.alertId"><span class="when">{{ fmtTime(f.at) }}</span><span class="kind">{{ t('live.' + f.kind) }}</span>
            <a v-if="f.alertId" :href="'#/alerts/' + f.alertId" :class="'sev-text sev-text-' + f.severity">{{ f.text }}</a><template v-else>{{ f.text }}</template></li>
            <li v-if="!feed.length" class="empty">{{ t('live.empty') }}</li></ul>
        </div>
        <div class="panel"><h3>{{ t('chart.regions') }}</h3>
          <table class="regions" data-t="regions"><thead><tr><th></th><th>{{ t('kpi.open') }}</th><th>{{ t('kpi.overdue') }}</th><th>{{ t('kpi.today') }}</th></tr></thead>
            <tbody><tr v-for="r in children" :key="r.code" @click="drill({ code: r.code, name: r.name, level: r.kind })" :data-region="r.code">
              <td>{{ r.name }}</td><td>{{ r.open }}</td><td :class="{ red: r.overdue }">{{ r.overdue }}</td><td>{{ r.reported }}</td></tr></tbody></table>
        </div>
      </div>
    </div>
  </div>`,
};
