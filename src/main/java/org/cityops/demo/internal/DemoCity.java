package org.cityops.demo.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic city the demo seeds (示范市, around 120.1°E 30.2°N): four districts in a 2×2
 * layout, three streets per district, two communities per street and twelve unit grids per
 * community (288 in all), each a rectangle so that they tile the city without gaps or overlaps;
 * its departments, users, responsibility matrix and sensors. Pure data, no I/O.
 */
final class DemoCity {

    static final String CITY_CODE = "339900";
    static final String CITY_NAME = "钱江示范市";
    static final double WEST = 120.05;
    static final double SOUTH = 30.17;
    static final double DISTRICT_WIDTH = 0.12;
    static final double DISTRICT_HEIGHT = 0.08;
    static final int STREETS_PER_DISTRICT = 3;
    static final int COMMUNITIES_PER_STREET = 2;
    static final int GRID_COLUMNS = 4;
    static final int GRID_ROWS = 3;

    private static final String[] DISTRICTS = {"西湖区", "上城区", "滨江区", "拱墅区"};
    private static final String[][] STREETS = {
            {"灵隐街道", "北山街道", "西溪街道"},
            {"湖滨街道", "清波街道", "小营街道"},
            {"西兴街道", "长河街道", "浦沿街道"},
            {"米市巷街道", "湖墅街道", "小河街道"}};
    private static final String[][] COMMUNITIES = {
            {"玉泉", "曙光"}, {"宝石", "松木场"}, {"文鼎苑", "古荡"},
            {"东坡路", "青年路"}, {"柳翠井", "清河坊"}, {"长庆", "直大方伯"},
            {"江二", "星民"}, {"江南", "孔家里"}, {"东冠", "杨家墩"},
            {"大塘巷", "左家新村"}, {"湖墅新村", "卖鱼桥"}, {"和睦", "红石板"}};

    /** The kinds of department every district has, and the city-level bureau of each. */
    enum Bureau {
        URBAN("CG", "城管局", "城市管理局"),
        WATER("SW", "水务局", "水务局"),
        ENVIRONMENT("HB", "环保分局", "生态环境局"),
        TRANSPORT("JT", "交通运输局", "交通运输局"),
        HOUSING("ZJ", "住建局", "住房和城乡建设局"),
        MARKET("SC", "市场监管局", "市场监督管理局");

        final String abbreviation;
        final String districtSuffix;
        final String citySuffix;

        Bureau(String abbreviation, String districtSuffix, String citySuffix) {
            this.abbreviation = abbreviation;
            this.districtSuffix = districtSuffix;
            this.citySuffix = citySuffix;
        }
    }

    /** A department to create: {@code regionCode} is the city for CITY, a district for DISTRICT. */
    record DepartmentSpec(String code, String name, String level, String regionCode, Bureau bureau) {
    }

    /** A demo user: {@code departmentCode} names a department of {@link #departments()} for handlers. */
    record UserSpec(String username, String displayName, String role, String regionCode, String departmentCode) {
    }

    /** A matrix entry: main class of the catalog, district, bureau of that district, basis. */
    record MatrixSpec(String mainClass, String districtCode, Bureau bureau, String basis) {
    }

    /** A sensor type with its observed property, unit and owning bureau. */
    enum SensorType {
        WATER_LEVEL("water-level", "水位计", "水位 water level", "m", "metre", Bureau.WATER, 40),
        RAIN_GAUGE("rain-gauge", "雨量计", "降雨量 rainfall", "mm/h", "millimetre per hour", Bureau.WATER, 20),
        AIR_QUALITY("air-quality", "空气质量监测站", "PM2.5", "µg/m³", "microgram per cubic metre", Bureau.ENVIRONMENT, 40),
        MANHOLE_COVER("manhole-cover", "智能井盖", "井盖倾斜 manhole tilt", "°", "degree", Bureau.URBAN, 60),
        SMOKE_DETECTOR("smoke-detector", "烟感探测器", "烟雾浓度 smoke", "%obs/m", "percent obscuration per metre",
                Bureau.HOUSING, 40),
        BRIDGE_STRAIN("bridge-strain", "桥梁应变计", "桥梁应变 bridge strain", "µε", "microstrain", Bureau.TRANSPORT, 20),
        TRAFFIC_COUNTER("traffic-counter", "交通流量检测器", "交通流量 traffic flow", "vehicles/5 min",
                "vehicles per five minutes", Bureau.TRANSPORT, 40);

        final String code;
        final String deviceName;
        final String observedProperty;
        final String unitSymbol;
        final String unitName;
        final Bureau bureau;
        final int count;

        SensorType(String code, String deviceName, String observedProperty, String unitSymbol, String unitName,
                   Bureau bureau, int count) {
            this.code = code;
            this.deviceName = deviceName;
            this.observedProperty = observedProperty;
            this.unitSymbol = unitSymbol;
            this.unitName = unitName;
            this.bureau = bureau;
            this.count = count;
        }

        /** Returns the type with this {@code cityops:type} code. */
        static SensorType of(String code) {
            for (SensorType t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no sensor type " + code);
        }
    }

    /** A sensor Thing to create: unique name, type, point, district it lies in. */
    record SensorSpec(String name, SensorType type, double longitude, double latitude, String districtCode) {
    }

    private DemoCity() {
    }

    /** Returns the district codes, west-south first. */
    static List<String> districtCodes() {
        List<String> codes = new ArrayList<>();
        for (int d = 0; d < DISTRICTS.length; d++) {
            codes.add(CITY_CODE.substring(0, 4) + String.format("%02d", d + 1));
        }
        return codes;
    }

    /** Returns the code of the first street of the first district, where the street-level demo users work. */
    static String firstStreet() {
        return districtCodes().get(0) + "001";
    }

    /**
     * Returns the city model as a GeoJSON FeatureCollection (maps and lists, ready to serialise) in
     * the import format of {@code docs/geo-import.md}, with one duty grid per street.
     */
    static Map<String, Object> geoJson(String inspectorUsername) {
        List<Object> features = new ArrayList<>();
        double east = WEST + 2 * DISTRICT_WIDTH;
        double north = SOUTH + 2 * DISTRICT_HEIGHT;
        features.add(feature("city", CITY_CODE, CITY_NAME, null, rectangle(WEST, SOUTH, east, north)));
        List<String> districts = districtCodes();
        for (int d = 0; d < districts.size(); d++) {
            String district = districts.get(d);
            double dw = WEST + (d % 2) * DISTRICT_WIDTH;
            double ds = SOUTH + (d / 2) * DISTRICT_HEIGHT;
            features.add(feature("district", district, DISTRICTS[d], CITY_CODE,
                    rectangle(dw, ds, dw + DISTRICT_WIDTH, ds + DISTRICT_HEIGHT)));
            double streetWidth = DISTRICT_WIDTH / STREETS_PER_DISTRICT;
            for (int s = 0; s < STREETS_PER_DISTRICT; s++) {
                String street = district + String.format("%03d", s + 1);
                double sw = dw + s * streetWidth;
                features.add(feature("street", street, STREETS[d][s], district,
                        rectangle(sw, ds, sw + streetWidth, ds + DISTRICT_HEIGHT)));
                List<String> streetGrids = new ArrayList<>();
                double communityHeight = DISTRICT_HEIGHT / COMMUNITIES_PER_STREET;
                for (int c = 0; c < COMMUNITIES_PER_STREET; c++) {
                    String community = street + String.format("%03d", c + 1);
                    String communityName = COMMUNITIES[d * STREETS_PER_DISTRICT + s][c] + "社区";
                    double cs = ds + c * communityHeight;
                    features.add(feature("community", community, communityName, street,
                            rectangle(sw, cs, sw + streetWidth, cs + communityHeight)));
                    double gw = streetWidth / GRID_COLUMNS;
                    double gh = communityHeight / GRID_ROWS;
                    int seq = 0;
                    for (int row = 0; row < GRID_ROWS; row++) {
                        for (int col = 0; col < GRID_COLUMNS; col++) {
                            seq++;
                            String grid = community + String.format("%02d", seq);
                            streetGrids.add(grid);
                            double x = sw + col * gw;
                            double y = cs + row * gh;
                            features.add(feature("grid", grid, communityName + "第" + String.format("%02d", seq) + "网格",
                                    community, rectangle(x, y, x + gw, y + gh)));
                        }
                    }
                }
                Map<String, Object> duty = feature("duty_grid", street + "D01", STREETS[d][s] + "第1责任网格", street, null);
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) duty.get("properties");
                properties.put("grids", streetGrids);
                if (street.equals(firstStreet())) {
                    properties.put("inspector", inspectorUsername);
                }
                features.add(duty);
            }
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }

    /** Returns the six city bureaus and the six bureaus of each district. */
    static List<DepartmentSpec> departments() {
        List<DepartmentSpec> out = new ArrayList<>();
        for (Bureau b : Bureau.values()) {
            out.add(new DepartmentSpec("demo-" + b.abbreviation.toLowerCase(), "市" + b.citySuffix, "CITY", CITY_CODE, b));
        }
        List<String> districts = districtCodes();
        for (int d = 0; d < districts.size(); d++) {
            for (Bureau b : Bureau.values()) {
                out.add(new DepartmentSpec(departmentCode(districts.get(d), b), DISTRICTS[d] + b.districtSuffix,
                        "DISTRICT", districts.get(d), b));
            }
        }
        return out;
    }

    /** Returns the code of a district's department of a bureau. */
    static String departmentCode(String districtCode, Bureau bureau) {
        return "demo-" + districtCode + "-" + bureau.abbreviation.toLowerCase();
    }

    /** Returns the bureau that answers for a main class of the default catalog (GB/T 30428.2). */
    static Bureau bureauOf(String mainClass) {
        return switch (mainClass) {
            case "C01" -> Bureau.WATER;
            case "C02" -> Bureau.TRANSPORT;
            case "C05", "E03" -> Bureau.HOUSING;
            case "E04" -> Bureau.MARKET;
            case "E05" -> Bureau.WATER;
            default -> Bureau.URBAN;
        };
    }

    /**
     * Returns one entry per main class and district, naming the district's bureau: components by
     * owner (属主), events by locality (属地), so every category of the default catalog routes.
     */
    static List<MatrixSpec> matrix(List<String> mainClasses) {
        List<MatrixSpec> out = new ArrayList<>();
        for (String district : districtCodes()) {
            for (String mainClass : mainClasses) {
                out.add(new MatrixSpec(mainClass, district, bureauOf(mainClass),
                        mainClass.startsWith("C") ? "OWNER" : "LOCALITY"));
            }
        }
        return out;
    }

    /** Returns one user per role (the administrator is the platform's own {@code admin}). */
    static List<UserSpec> users() {
        String district = districtCodes().get(0);
        return List.of(
                new UserSpec("dispatcher", "陈值班长", "CITY_DISPATCHER", null, null),
                new UserSpec("district", "林区派遣员", "DISTRICT_DISPATCHER", district, null),
                new UserSpec("street", "王受理员", "STREET_OPERATOR", firstStreet(), null),
                new UserSpec("handler", "赵处置员", "DEPARTMENT_HANDLER", null, departmentCode(district, Bureau.URBAN)),
                new UserSpec("inspector", "李网格员", "GRID_INSPECTOR", firstStreet(), null),
                new UserSpec("leader", "周市长", "LEADER", null, null));
    }

    /**
     * Returns the sensors: each type's count spread over the city on a deterministic quasi-random
     * sequence (so a second start names and places them identically), kept inside a grid; each rain
     * gauge stands beside a water-level gauge.
     */
    static List<SensorSpec> sensors() {
        List<SensorSpec> out = new ArrayList<>();
        double width = 2 * DISTRICT_WIDTH;
        double height = 2 * DISTRICT_HEIGHT;
        int n = 0;
        for (SensorType type : SensorType.values()) {
            for (int i = 1; i <= type.count; i++) {
                n++;
                // the R2 sequence (from the plastic number) fills the rectangle evenly without a random
                // source; a small hashed jitter hides its lattice so the points look installed, not plotted
                double u = (0.5 + n * 0.7548776662466927 + jitter(n, 17)) % 1.0;
                double v = (0.5 + n * 0.5698402909980532 + jitter(n, 31)) % 1.0;
                double lon = round(WEST + (0.01 + 0.98 * u) * width);
                double lat = round(SOUTH + (0.01 + 0.98 * v) * height);
                if (type == SensorType.RAIN_GAUGE) {
                    // rain gauges stand at water-level stations (水文站), so 内涝风险 can meet both in one grid
                    SensorSpec station = out.get(i - 1);
                    lon = station.longitude();
                    lat = station.latitude();
                }
                out.add(new SensorSpec(type.deviceName + " " + type.code.toUpperCase() + "-" + String.format("%03d", i),
                        type, lon, lat, districtAt(lon, lat)));
            }
        }
        return out;
    }

    private static double jitter(int n, int salt) {
        long h = (n * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return ((h & 0xFFFF) / 65536d - 0.5) * 0.06;
    }

    /** Returns the code of the district containing the point (the layout is 2×2 from the south-west). */
    static String districtAt(double lon, double lat) {
        int col = lon < WEST + DISTRICT_WIDTH ? 0 : 1;
        int row = lat < SOUTH + DISTRICT_HEIGHT ? 0 : 1;
        return districtCodes().get(row * 2 + col);
    }

    /** Returns the code of the street containing the point. */
    static String streetAt(double lon, double lat) {
        double inDistrict = (lon - WEST) % DISTRICT_WIDTH;
        int s = Math.min(STREETS_PER_DISTRICT - 1, (int) (inDistrict / (DISTRICT_WIDTH / STREETS_PER_DISTRICT)));
        return districtAt(lon, lat) + String.format("%03d", s + 1);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1_000_000d) / 1_000_000d;
    }

    private static Map<String, Object> feature(String kind, String code, String name, String parent,
                                               List<List<double[]>> polygon) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("kind", kind);
        properties.put("code", code);
        properties.put("name", name);
        if (parent != null) {
            properties.put("parent", parent);
        }
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("properties", properties);
        feature.put("geometry", polygon == null ? null : Map.of("type", "Polygon", "coordinates", polygon));
        return feature;
    }

    private static List<List<double[]>> rectangle(double west, double south, double east, double north) {
        double w = round(west);
        double s = round(south);
        double e = round(east);
        double n = round(north);
        return List.of(List.of(new double[] {w, s}, new double[] {e, s}, new double[] {e, n}, new double[] {w, n},
                new double[] {w, s}));
    }
}
