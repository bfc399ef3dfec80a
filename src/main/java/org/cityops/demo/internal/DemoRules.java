package org.cityops.demo.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo city's rules, as JSON bodies for {@code POST /api/v1/rules}: one of each kind, with
 * thresholds chosen against the simulator's value ranges ({@link Readings}) so that its daily
 * cycles stay quiet and its anomalies (spikes, stuck and silent sensors) and heavier showers trip
 * them now and then. Plain Java.
 */
final class DemoRules {

    /** The 内涝 rule's name; the correlation needs a rain gauge and a water-level gauge in one grid. */
    static final String WATERLOGGING = "内涝风险";

    private DemoRules() {
    }

    /** Returns the rules, each a map with a unique {@code name}. */
    static List<Map<String, Object>> rules() {
        return List.of(
                // normal levels are 1.0–2.0 m, rain adds up to about 0.5 m, a spike 1.6 m: a raise above
                // 2.5 m and a clear below 2.3 m keep a level hovering near the line from flapping
                rule("河道水位超警戒", "HYSTERESIS", "ORANGE", watch(DemoCity.SensorType.WATER_LEVEL),
                        Map.of("condition", "value > 2.5", "clearCondition", "value < 2.3",
                                "description", "水位高于2.5米报警，回落到2.3米以下解除")),
                // PM2.5 reads 11–60 µg/m³ over the day; a spike (×5) lasting five readings trips it
                rule("PM2.5持续超标", "DURATION", "YELLOW", watch(DemoCity.SensorType.AIR_QUALITY),
                        Map.of("condition", "value > 75", "holdFor", "PT5M",
                                "description", "PM2.5高于75微克每立方米持续5分钟")),
                // a seated cover tilts under 2°; a displaced one reads 25° and more
                rule("井盖倾斜", "CONDITION", "ORANGE", watch(DemoCity.SensorType.MANHOLE_COVER),
                        Map.of("condition", "value > 15",
                                "casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "C0103", "urgency", "URGENT"),
                                "description", "井盖倾角超过15度，疑似移位或缺失，自动立案（雨水井盖）")),
                // clean air reads under 0.1 %obs/m; smoke reads 9.5
                rule("烟感报警", "CONDITION", "RED", watch(DemoCity.SensorType.SMOKE_DETECTOR),
                        Map.of("condition", "value > 5",
                                "casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "E0106", "urgency", "CRITICAL"),
                                "description", "烟雾浓度超过5%obs/m，自动立案（特急）")),
                rule("桥梁应变异常", "ANOMALY", "ORANGE", watch(DemoCity.SensorType.BRIDGE_STRAIN),
                        Map.of("anomaly", Map.of("warmup", 30, "threshold", 5),
                                "description", "应变偏离基线5个标准差")),
                rule("交通流量检测器离线", "ABSENCE", "BLUE", watch(DemoCity.SensorType.TRAFFIC_COUNTER),
                        Map.of("absentFor", "PT10M", "description", "10分钟无数据")),
                waterlogging());
    }

    /** 内涝风险: rainfall above 30 mm/h and the water level up more than 0.1 m within 30 minutes in one grid. */
    private static Map<String, Object> waterlogging() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", WATERLOGGING);
        r.put("description", "同一网格内降雨强度超过30毫米每小时且30分钟内水位上涨超过0.1米");
        r.put("kind", "CORRELATION");
        r.put("severity", "ORANGE");
        r.put("window", "PT30M");
        r.put("correlation", Map.of("keyBy", "GRID", "inputs", List.of(
                Map.of("name", "强降雨", "watch", watch(DemoCity.SensorType.RAIN_GAUGE), "condition", "value > 30"),
                Map.of("name", "水位上涨", "watch", watch(DemoCity.SensorType.WATER_LEVEL),
                        "condition", "window.delta > 0.1"))));
        r.put("casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "E0105", "urgency", "URGENT"));
        return r;
    }

    private static Map<String, Object> watch(DemoCity.SensorType type) {
        return Map.of("observedProperty", type.observedProperty, "thingType", type.code);
    }

    private static Map<String, Object> rule(String name, String kind, String severity, Map<String, Object> watch,
                                            Map<String, Object> rest) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("kind", kind);
        r.put("severity", severity);
        r.put("watch", watch);
        r.putAll(rest);
        return r;
    }
}
