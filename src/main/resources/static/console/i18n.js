// A small dictionary: Chinese by default, English on request (remembered in localStorage). In
// English the domain terms keep their Chinese names beside them, as people in the centre use both.
import { ref } from 'vue';

const KEY = 'cityops.lang';
export const lang = ref(localStorage.getItem(KEY) === 'en' ? 'en' : 'zh');

export function setLang(l) {
  lang.value = l;
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
}

const zh = {
  appName: '城市运行一网统管', login: '登录', logout: '退出', username: '用户名', password: '密码',
  loginFailed: '登录失败', language: 'English',
  'nav.screen': '城市运行一张图', 'nav.intake': '受理', 'nav.dispatch': '派遣', 'nav.handler': '我的案卷',
  'nav.inspector': '巡查', 'nav.cases': '案卷查询',
  'kpi.today': '今日', 'kpi.month': '本月', 'kpi.reported': '上报', 'kpi.registered': '立案', 'kpi.dispatched': '派遣',
  'kpi.closed': '结案', 'kpi.onTimeCloseRate': '按期结案率', 'kpi.overdue': '超期', 'kpi.open': '在办',
  'chart.trend': '近30日趋势', 'chart.categories': '本月高发问题', 'chart.regions': '下级区域',
  'legend.none': '无在办', 'legend.open': '有在办', 'legend.overdue': '有超期',
  city: '全市', back: '返回上级', refresh: '刷新', noData: '暂无数据', loading: '加载中…',
  'queue.reported': '待受理', 'queue.dispatch': '待派遣', 'queue.manual': '人工派遣', 'queue.overdue': '超期案卷',
  'queue.mine': '我的案卷', 'queue.verify': '待核查', 'queue.all': '全部',
  'col.caseNo': '案卷号', 'col.state': '状态', 'col.category': '类别', 'col.address': '地址', 'col.reportedAt': '上报时间',
  'col.suggested': '建议部门', 'col.reason': '派遣依据', 'col.deadline': '时限', 'col.description': '描述',
  'col.urgency': '紧急程度', 'col.level': '层级', 'col.lead': '主办部门',
  'detail.title': '案卷详情', 'detail.timeline': '处置过程', 'detail.attachments': '附件', 'detail.deadline': '时限',
  'detail.actions': '可执行操作', 'detail.noActions': '当前无可执行操作', 'detail.location': '位置',
  'form.comment': '意见', 'form.department': '主办部门', 'form.assist': '协办部门', 'form.category': '问题类别',
  'form.urgency': '紧急程度', 'form.amount': '延期数量', 'form.unit': '单位', 'form.verifier': '核查人',
  'form.submit': '提交', 'form.cancel': '取消', 'form.choose': '请选择', 'form.suggested': '（建议）',
  'report.title': '巡查上报', 'report.gps': '使用GPS定位', 'report.pick': '在地图上点选位置',
  'report.description': '问题描述', 'report.photos': '现场照片', 'report.selfFixed': '自行处置（当场解决）',
  'report.before': '处置前照片', 'report.after': '处置后照片', 'report.send': '上报', 'report.done': '已上报，案卷号',
  'report.address': '地址', 'report.position': '位置',
  'sla.GREEN': '正常', 'sla.YELLOW': '黄灯', 'sla.RED': '红灯',
  'urgency.NORMAL': '一般', 'urgency.URGENT': '紧急', 'urgency.CRITICAL': '特急',
  'nav.sensors': '感知设备',
  'sensor.allTypes': '全部类型', 'sensor.name': '设备', 'sensor.type': '类型', 'sensor.latest': '最新值', 'sensor.time': '时间',
  'sensor.state': '状态', 'sensor.online': '在线', 'sensor.offline': '离线', 'sensor.none': '未监测',
  'sensor.pick': '选择设备查看历史曲线', 'sensor.layer': '感知设备',
  'sensorType.water-level': '水位', 'sensorType.rain-gauge': '雨量', 'sensorType.air-quality': '空气质量',
  'sensorType.manhole-cover': '智能井盖', 'sensorType.smoke-detector': '烟感', 'sensorType.bridge-strain': '桥梁应变',
  'sensorType.traffic-counter': '交通流量',
  'chart.busiest': '案件高发网格', 'grid.name': '网格', 'grid.community': '社区',
  'live.title': '实时动态', 'live.online': '实时连接正常', 'live.offline': '实时连接中断', 'live.empty': '暂无实时消息',
  'live.case': '案卷', 'live.alert': '告警', 'live.device': '设备', 'live.observation': '观测',
  'dup.title': '附近疑似重复案卷', 'dup.none': '附近200米内无同类在办案卷', 'dup.merge': '并入该案卷', 'dup.reports': '本案关联上报',
  'dup.distance': '距离', 'dup.merged': '已合并',
  'nav.alerts': '预警', 'nav.rules': '研判规则', more: '更多',
  'severity.BLUE': '蓝色', 'severity.YELLOW': '黄色', 'severity.ORANGE': '橙色', 'severity.RED': '红色',
  'alertStatus.RAISED': '待确认', 'alertStatus.ACKNOWLEDGED': '已确认', 'alertStatus.CLEARED': '已消除', 'alertStatus.RESOLVED': '已处置',
  'alertChange.RAISED': '触发', 'alertChange.ACKNOWLEDGED': '确认', 'alertChange.ASSIGNED': '指派', 'alertChange.COMMENTED': '备注',
  'alertChange.CLEARED': '自动消除', 'alertChange.RESOLVED': '处置完毕', 'alertChange.CASE_OPENED': '自动立案', 'alertChange.CASE_FAILED': '立案失败',
  'alert.title': '预警', 'alert.rule': '规则', 'alert.subject': '对象', 'alert.place': '网格', 'alert.lastValue': '最新值',
  'alert.firstSeen': '首次触发', 'alert.lastSeen': '最近触发', 'alert.assignee': '处置人', 'alert.case': '关联案卷',
  'alert.openCase': '查看案卷', 'alert.acknowledge': '确认', 'alert.assign': '指派', 'alert.comment': '备注', 'alert.resolve': '处置完毕',
  'alert.note': '说明', 'alert.allStatuses': '全部状态', 'alert.allSeverities': '全部级别', 'alert.severity': '级别',
  'alert.linked': '关联预警', 'kpi.activeAlerts': '活动预警', 'kpi.now': '实时', 'kpi.devicesOnline': '设备在线', 'legend.alert': '预警',
  'rule.new': '新建规则', 'rule.name': '名称', 'rule.kind': '类型', 'rule.severity': '级别', 'rule.status': '状态', 'rule.version': '版本',
  'rule.json': '其他设置（JSON）', 'rule.condition': '条件（CEL）', 'rule.clearCondition': '消除条件（CEL）', 'rule.save': '保存',
  'rule.enable': '启用', 'rule.disable': '停用', 'rule.edit': '编辑', 'rule.dryRun': '试运行', 'rule.from': '开始', 'rule.to': '结束',
  'rule.raises': '将触发', 'rule.clears': '消除', 'rule.observations': '观测数', 'rule.truncated': '（已截断）', 'rule.error': '运行错误',
  'rule.quarantined': '已隔离', 'rule.saved': '规则已保存', 'rule.description': '说明', 'rule.watch': '监测对象（JSON）',
  'ruleStatus.ENABLED': '启用', 'ruleStatus.DISABLED': '停用', 'ruleStatus.QUARANTINED': '隔离',
  errorFields: '请检查：', done: '操作成功',
};

const en = {
  appName: 'City operations (一网统管)', login: 'Log in', logout: 'Log out', username: 'Username', password: 'Password',
  loginFailed: 'Login failed', language: '中文',
  'nav.screen': 'City screen (一张图)', 'nav.intake': 'Intake (受理)', 'nav.dispatch': 'Dispatch (派遣)',
  'nav.handler': 'My cases (案卷)', 'nav.inspector': 'Inspection (巡查)', 'nav.cases': 'Cases (案卷)',
  'kpi.today': 'Today', 'kpi.month': 'This month', 'kpi.reported': 'Reported', 'kpi.registered': 'Registered (立案)',
  'kpi.dispatched': 'Dispatched (派遣)', 'kpi.closed': 'Closed (结案)', 'kpi.onTimeCloseRate': 'On-time close rate (按期结案率)',
  'kpi.overdue': 'Overdue (超期)', 'kpi.open': 'Open',
  'chart.trend': 'Last 30 days', 'chart.categories': 'Top categories this month', 'chart.regions': 'Regions below',
  'legend.none': 'no open cases', 'legend.open': 'open cases', 'legend.overdue': 'overdue cases',
  city: 'Whole city', back: 'Up one level', refresh: 'Refresh', noData: 'No data', loading: 'Loading…',
  'queue.reported': 'Reported (待受理)', 'queue.dispatch': 'To dispatch (待派遣)', 'queue.manual': 'Manual queue',
  'queue.overdue': 'Overdue (超期)', 'queue.mine': 'My cases', 'queue.verify': 'To verify (核查)', 'queue.all': 'All',
  'col.caseNo': 'Case no.', 'col.state': 'State', 'col.category': 'Category', 'col.address': 'Address',
  'col.reportedAt': 'Reported at', 'col.suggested': 'Suggested department', 'col.reason': 'Routing reason',
  'col.deadline': 'Deadline', 'col.description': 'Description', 'col.urgency': 'Urgency', 'col.level': 'Level',
  'col.lead': 'Lead department',
  'detail.title': 'Case (案卷)', 'detail.timeline': 'Timeline', 'detail.attachments': 'Attachments',
  'detail.deadline': 'Deadline (时限)', 'detail.actions': 'Actions', 'detail.noActions': 'Nothing to do now',
  'detail.location': 'Location',
  'form.comment': 'Comment', 'form.department': 'Lead department', 'form.assist': 'Assisting (协办)',
  'form.category': 'Category', 'form.urgency': 'Urgency', 'form.amount': 'Amount', 'form.unit': 'Unit',
  'form.verifier': 'Verifier', 'form.submit': 'Submit', 'form.cancel': 'Cancel', 'form.choose': 'Choose',
  'form.suggested': ' (suggested)',
  'report.title': 'Report a problem (巡查上报)', 'report.gps': 'Use GPS', 'report.pick': 'Tap the map to place it',
  'report.description': 'Description', 'report.photos': 'Photos', 'report.selfFixed': 'Fixed on the spot (自行处置)',
  'report.before': 'Before', 'report.after': 'After', 'report.send': 'Report', 'report.done': 'Reported, case no.',
  'report.address': 'Address', 'report.position': 'Position',
  'sla.GREEN': 'on time', 'sla.YELLOW': 'yellow (黄灯)', 'sla.RED': 'red (红灯)',
  'urgency.NORMAL': 'normal', 'urgency.URGENT': 'urgent', 'urgency.CRITICAL': 'critical',
  'nav.sensors': 'Sensors (感知设备)',
  'sensor.allTypes': 'All types', 'sensor.name': 'Device', 'sensor.type': 'Type', 'sensor.latest': 'Latest',
  'sensor.time': 'Time', 'sensor.state': 'State', 'sensor.online': 'online', 'sensor.offline': 'offline',
  'sensor.none': 'not watched', 'sensor.pick': 'Pick a device to see its history', 'sensor.layer': 'Sensors',
  'sensorType.water-level': 'Water level (水位)', 'sensorType.rain-gauge': 'Rain gauge (雨量)',
  'sensorType.air-quality': 'Air quality (空气质量)', 'sensorType.manhole-cover': 'Manhole cover (井盖)',
  'sensorType.smoke-detector': 'Smoke detector (烟感)', 'sensorType.bridge-strain': 'Bridge strain (桥梁应变)',
  'sensorType.traffic-counter': 'Traffic counter (交通流量)',
  'chart.busiest': 'Busiest grids (高发网格)', 'grid.name': 'Grid', 'grid.community': 'Community',
  'live.title': 'Live feed (实时动态)', 'live.online': 'live feed connected', 'live.offline': 'live feed offline',
  'live.empty': 'No live messages yet', 'live.case': 'case', 'live.alert': 'alert', 'live.device': 'device',
  'live.observation': 'observation',
  'dup.title': 'Possible duplicates nearby', 'dup.none': 'No open case of this category within 200 m',
  'dup.merge': 'Merge into that case', 'dup.reports': 'Reports of this case', 'dup.distance': 'Distance', 'dup.merged': 'Merged',
  'nav.alerts': 'Alerts (预警)', 'nav.rules': 'Rules (研判规则)', more: 'More',
  'severity.BLUE': 'blue (蓝)', 'severity.YELLOW': 'yellow (黄)', 'severity.ORANGE': 'orange (橙)', 'severity.RED': 'red (红)',
  'alertStatus.RAISED': 'raised', 'alertStatus.ACKNOWLEDGED': 'acknowledged', 'alertStatus.CLEARED': 'cleared', 'alertStatus.RESOLVED': 'resolved',
  'alertChange.RAISED': 'raised', 'alertChange.ACKNOWLEDGED': 'acknowledged', 'alertChange.ASSIGNED': 'assigned', 'alertChange.COMMENTED': 'comment',
  'alertChange.CLEARED': 'cleared', 'alertChange.RESOLVED': 'resolved', 'alertChange.CASE_OPENED': 'case opened (自动立案)', 'alertChange.CASE_FAILED': 'case failed',
  'alert.title': 'Alert (预警)', 'alert.rule': 'Rule', 'alert.subject': 'Subject', 'alert.place': 'Grid', 'alert.lastValue': 'Last value',
  'alert.firstSeen': 'First seen', 'alert.lastSeen': 'Last seen', 'alert.assignee': 'Assignee', 'alert.case': 'Case',
  'alert.openCase': 'Open case', 'alert.acknowledge': 'Acknowledge', 'alert.assign': 'Assign', 'alert.comment': 'Comment', 'alert.resolve': 'Resolve',
  'alert.note': 'Note', 'alert.allStatuses': 'All statuses', 'alert.allSeverities': 'All severities', 'alert.severity': 'Severity',
  'alert.linked': 'Linked alert (预警)', 'kpi.activeAlerts': 'Active alerts (预警)', 'kpi.now': 'Now', 'kpi.devicesOnline': 'Devices online (设备在线)', 'legend.alert': 'alert',
  'rule.new': 'New rule', 'rule.name': 'Name', 'rule.kind': 'Kind', 'rule.severity': 'Severity', 'rule.status': 'Status', 'rule.version': 'Version',
  'rule.json': 'Other settings (JSON)', 'rule.condition': 'Condition (CEL)', 'rule.clearCondition': 'Clear condition (CEL)', 'rule.save': 'Save',
  'rule.enable': 'Enable', 'rule.disable': 'Disable', 'rule.edit': 'Edit', 'rule.dryRun': 'Dry run', 'rule.from': 'From', 'rule.to': 'To',
  'rule.raises': 'Would raise', 'rule.clears': 'Clears', 'rule.observations': 'Observations', 'rule.truncated': ' (truncated)', 'rule.error': 'Run-time error',
  'rule.quarantined': 'Quarantined', 'rule.saved': 'Rule saved', 'rule.description': 'Description', 'rule.watch': 'Watch (JSON)',
  'ruleStatus.ENABLED': 'enabled', 'ruleStatus.DISABLED': 'disabled', 'ruleStatus.QUARANTINED': 'quarantined',
  errorFields: 'Please check:', done: 'Done',
};

const states = {
  REPORTED: ['待受理', 'Reported'], REGISTERED: ['已立案', 'Registered'], NOT_REGISTERED: ['不予立案', 'Not registered'],
  VOID: ['作废', 'Void'], DISPATCHED: ['已派遣', 'Dispatched'], RETURNED: ['已退回', 'Returned'],
  HANDLING: ['处置中', 'Handling'], DEFERRED: ['挂账', 'Deferred'], HANDLED: ['已反馈', 'Handled'],
  VERIFYING: ['核查中', 'Verifying'], VERIFIED: ['核查通过', 'Verified'], CLOSED: ['已结案', 'Closed'],
};

const actions = {
  REPORT: ['上报', 'Report'], REGISTER: ['立案', 'Register'], REJECT: ['不予立案', 'Reject'], VOID: ['作废', 'Void'], DISPATCH: ['派遣', 'Dispatch'],
  ACCEPT: ['签收', 'Accept'], RETURN: ['退回', 'Return'], REQUEST_EXTENSION: ['申请延期', 'Request extension'],
  APPROVE_EXTENSION: ['同意延期', 'Approve extension'], REFUSE_EXTENSION: ['不同意延期', 'Refuse extension'],
  DEFER: ['挂账', 'Defer'], RESUME: ['恢复处置', 'Resume'], ASSIST_FEEDBACK: ['协办反馈', 'Assist feedback'],
  FEEDBACK: ['处置反馈', 'Feed back'], REQUEST_VERIFICATION: ['发起核查', 'Request verification'],
  VERIFY_PASS: ['核查通过', 'Verify: pass'], VERIFY_FAIL: ['核查不通过（返工）', 'Verify: fail'], CLOSE: ['结案', 'Close'],
  REOPEN: ['重新打开', 'Reopen'], SUPERVISE: ['督办', 'Supervise'], ESCALATE: ['升级', 'Escalate'],
  SELF_FIX: ['自行处置', 'Fix on the spot'], COMMENT: ['备注', 'Comment'],
};

const stages = {
  REGISTER: ['立案时限', 'Register by'], DISPATCH: ['派遣时限', 'Dispatch by'], HANDLE: ['处置时限', 'Handle by'],
  VERIFY: ['核查时限', 'Verify by'], CLOSE: ['结案时限', 'Close by'],
};

const roles = {
  ADMIN: ['系统管理员', 'Administrator'], CITY_DISPATCHER: ['市级派遣员/值班长', 'City dispatcher'],
  DISTRICT_DISPATCHER: ['区派遣员', 'District dispatcher'], STREET_OPERATOR: ['街镇受理员', 'Street operator'],
  DEPARTMENT_HANDLER: ['专业部门', 'Department handler'], GRID_INSPECTOR: ['网格监督员', 'Grid inspector'],
  LEADER: ['领导', 'Leader'],
};

function pair(table, key) {
  const p = table[key];
  if (!p) return key;
  return lang.value === 'en' ? p[1] + ' (' + p[0] + ')' : p[0];
}

export function t(key) {
  return (lang.value === 'en' ? en : zh)[key] || zh[key] || key;
}
export const stateName = (s) => pair(states, s);
export const actionName = (a) => pair(actions, a);
export const roleName = (r) => pair(roles, r);
export const stageName = (s) => pair(stages, s);
