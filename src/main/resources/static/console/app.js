// The CityOps console: login, role-aware navigation and a tiny hash router over the views.
import { createApp, ref, reactive, computed, onMounted, watch } from 'vue';
import { api, session, login, logout } from './api.js';
import { t, lang, setLang, roleName } from './i18n.js';
import { ProblemBox, CaseDetail, loadRefs } from './common.js';
import { Workbench } from './views/workbench.js';
import { CityScreen } from './views/screen.js';
import { InspectorView } from './views/inspector.js';
import { SensorsView } from './views/sensors.js';
import { AlertsView } from './views/alerts.js';
import { RulesView } from './views/rules.js';
import { CalendarView } from './views/calendar.js';
import { coverage, loadCoverage, calendarWarning } from './coverage.js';

/** Which views each role reaches (see Role.java); the first is where the role lands. */
export const NAV = {
  ADMIN: ['screen', 'intake', 'dispatch', 'cases', 'sensors', 'alerts', 'rules', 'calendar'],
  CITY_DISPATCHER: ['screen', 'intake', 'dispatch', 'cases', 'sensors', 'alerts', 'rules', 'calendar'],
  DISTRICT_DISPATCHER: ['dispatch', 'intake', 'screen', 'cases', 'sensors', 'alerts', 'rules'],
  STREET_OPERATOR: ['intake', 'dispatch', 'screen', 'cases', 'sensors', 'alerts'],
  DEPARTMENT_HANDLER: ['handler', 'sensors', 'alerts'],
  GRID_INSPECTOR: ['inspector'],
  LEADER: ['screen', 'cases', 'sensors', 'alerts'],
};

const LoginForm = {
  components: { ProblemBox },
  setup() {
    const username = ref('');
    const password = ref('');
    const problem = ref(null);
    async function submit() {
      problem.value = null;
      try { await login(username.value.trim(), password.value); location.hash = '#/'; }
      catch (e) { problem.value = e; }
    }
    return { username, password, problem, submit, t };
  },
  template: `<form class="login" @submit.prevent="submit" data-t="login-form">
    <h1>CityOps<small>{{ t('appName') }}</small></h1>
    <label>{{ t('username') }}<input v-model="username" name="username" autocomplete="username" required></label>
    <label>{{ t('password') }}<input v-model="password" name="password" type="password" autocomplete="current-password" required></label>
    <ProblemBox :problem="problem"/>
    <button type="submit" class="primary big" data-t="login">{{ t('login') }}</button>
  </form>`,
};

const CaseView = {
  props: ['id'],
  components: { CaseDetail },
  setup() { onMounted(loadRefs); },
  template: `<div class="single-case"><CaseDetail :case-id="Number(id)"/></div>`,
};

const App = {
  components: { LoginForm, Workbench, CityScreen, InspectorView, SensorsView, AlertsView, RulesView, CalendarView, CaseView },
  setup() {
    const route = reactive({ view: null, id: null });
    const config = ref(null);
    const nav = computed(() => (session.user ? NAV[session.user.role] || [] : []));

    function parse() {
      const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
      let view = parts[0] || null;
      route.id = parts[0] === 'case' || parts[0] === 'alerts' ? parts[1] || null : null;
      if (view !== 'case' && !nav.value.includes(view)) view = nav.value[0] || null;
      route.view = view;
    }
    async function loadConfig() {
      if (!session.token) return;
      try { config.value = await api.get('/api/v1/screen/config'); }
      catch (e) { config.value = { tileUrl: '', city: '', refreshSeconds: 60 }; }
    }
    // whoever answers for deadlines is told when the holidays they are computed with are missing
    function out() { logout(); config.value = null; coverage.value = null; location.hash = '#/'; }
    window.addEventListener('hashchange', parse);
    watch(() => session.token, () => { parse(); loadConfig(); loadCoverage(); });
    onMounted(() => { setLang(lang.value); parse(); loadConfig(); loadCoverage(); });
    const toggle = () => setLang(lang.value === 'en' ? 'zh' : 'en');
    return { session, route, nav, config, out, toggle, t, lang, roleName, calendarWarning };
  },
  template: `<div class="shell" :class="'lang-' + lang">
    <header class="top">
      <a class="brand" href="#/">CityOps <span>{{ t('appName') }}</span></a>
      <nav v-if="session.user" class="main-nav" data-t="nav">
        <a v-for="v in nav" :key="v" :href="'#/' + v" :class="{ on: route.view === v }" :data-nav="v">{{ t('nav.' + v) }}</a>
      </nav>
      <div class="who">
        <button class="ghost" @click="toggle" data-t="lang">{{ t('language') }}</button>
        <template v-if="session.user"><span class="user" data-t="user">{{ session.user.displayName || session.user.username }} · {{ roleName(session.user.role) }}</span>
          <button class="ghost" @click="out" data-t="logout">{{ t('logout') }}</button></template>
      </div>
    </header>
    <div v-if="session.user && calendarWarning" class="banner" role="alert" data-t="calendar-warning">{{ calendarWarning }}</div>
    <main>
      <LoginForm v-if="!session.user"/>
      <template v-else-if="config">
        <CityScreen v-if="route.view === 'screen'" :config="config"/>
        <Workbench v-else-if="['intake','dispatch','handler','cases'].includes(route.view)" :kind="route.view" :key="route.view"/>
        <InspectorView v-else-if="route.view === 'inspector'"/>
        <SensorsView v-else-if="route.view === 'sensors'"/>
        <AlertsView v-else-if="route.view === 'alerts'" :id="route.id"/>
        <RulesView v-else-if="route.view === 'rules'"/>
        <CalendarView v-else-if="route.view === 'calendar'"/>
        <CaseView v-else-if="route.view === 'case'" :id="route.id" :key="route.id"/>
      </template>
    </main>
  </div>`,
};

createApp(App).mount('#app');
