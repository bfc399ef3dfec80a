package org.cityops.intake.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.catalog.Urgency;

/**
 * The attributes every service accepts beyond the spec's fixed fields ({@code attribute[code]}):
 * how urgent the problem is and a note that helps find it on site.
 */
final class ServiceAttributes {

    static final String URGENCY = "urgency";
    static final String LOCATION_NOTE = "location_note";
    static final int LOCATION_NOTE_MAX = 100;

    private ServiceAttributes() {
    }

    /** Returns whether a service accepts an attribute with this code. */
    static boolean known(String code) {
        return URGENCY.equals(code) || LOCATION_NOTE.equals(code);
    }

    /** Returns the attribute definitions as GeoReport v2 lists them under {@code attributes}. */
    static List<Map<String, Object>> definitions() {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Urgency u : Urgency.values()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("key", u.name());
            value.put("name", u.chineseName());
            values.add(value);
        }
        return List.of(
                attribute(URGENCY, "singlevaluelist", 1, "紧急程度：特急、紧急的问题处置时限更短（不填为一般）",
                        "NORMAL, URGENT or CRITICAL", values),
                attribute(LOCATION_NOTE, "string", 2, "位置补充说明，如楼号、门牌号或参照物",
                        "at most " + LOCATION_NOTE_MAX + " characters", null));
    }

    private static Map<String, Object> attribute(String code, String datatype, int order, String description,
                                                 String datatypeDescription, List<Map<String, Object>> values) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", datatype);
        a.put("required", false);
        a.put("datatype_description", datatypeDescription);
        a.put("order", order);
        a.put("description", description);
        if (values != null) {
            a.put("values", values);
        }
        return a;
    }
}
