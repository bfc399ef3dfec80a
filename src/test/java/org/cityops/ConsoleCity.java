package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.platform.Role;

/**
 * The small city the console tests work in: city 920100 with two districts (甲区 920101, 乙区
 * 920102), one street and one community each and two unit grids per community, near 104°E 30°N
 * where no other test's city lies. A city-level sanitation department is what the matrix routes
 * exposed garbage (E01) to, anywhere in the city. Importing it again updates it, so every test class may call
 * {@link #importedBy}.
 */
public final class ConsoleCity {

    public static final String CITY = "920100";
    public static final String DISTRICT_A = "920101";
    public static final String DISTRICT_B = "920102";
    public static final String STREET_A = "920101001";
    public static final String COMMUNITY_A = "920101001001";
    public static final String GRID_A1 = "92010100100101";
    /** A point in grid A1. */
    public static final double[] IN_A1 = {104.005, 30.01};
    /** A point in district B. */
    public static final double[] IN_B = {104.03, 30.01};

    /** The city's sanitation department, the matrix's answer for E01. */
    public final long departmentA;
    /** A unique suffix of this run's names. */
    public final String run;

    private ConsoleCity(long departmentA, String run) {
        this.departmentA = departmentA;
        this.run = run;
    }

    /** Returns the city after the administrator imported it and set up its department and matrix entry. */
    public static ConsoleCity importedBy(Api admin) {
        List<Map<String, Object>> f = new ArrayList<>();
        f.add(feature("city", CITY, "控制台测试市", null, 104.00, 104.04));
        for (String[] d : new String[][] {{DISTRICT_A, "甲区", "104.00"}, {DISTRICT_B, "乙区", "104.02"}}) {
            double west = Double.parseDouble(d[2]);
            f.add(feature("district", d[0], d[1], CITY, west, west + 0.02));
            f.add(feature("street", d[0] + "001", d[1] + "一街道", d[0], west, west + 0.02));
            f.add(feature("community", d[0] + "001001", d[1] + "一社区", d[0] + "001", west, west + 0.02));
            f.add(feature("grid", d[0] + "00100101", d[1] + "01网格", d[0] + "001001", west, west + 0.01));
            f.add(feature("grid", d[0] + "00100102", d[1] + "02网格", d[0] + "001001", west + 0.01, west + 0.02));
        }
        Api.Response imported = admin.post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", f));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api.Response dept = admin.post("/api/v1/departments", Map.of("code", "CONSOLE-SAN-" + run,
                "name", "市容环卫所" + run, "level", "CITY", "regionCode", CITY));
        assertThat(dept.status()).as(dept.body()).isEqualTo(201);
        long departmentA = dept.json().get("id").asLong();
        // an entry of an earlier run on the same database is retired first
        admin.get("/api/v1/matrix?category=E01&region=" + CITY + "&basis=LOCALITY&active=true").json()
                .forEach(old -> admin.post("/api/v1/matrix/" + old.get("id").asLong() + "/deactivate", Map.of()));
        Api.Response entry = admin.post("/api/v1/matrix", Map.of("categoryCode", "E01", "regionCode", CITY,
                "departmentId", departmentA, "basis", "LOCALITY"));
        assertThat(entry.status()).as(entry.body()).isIn(200, 201);
        return new ConsoleCity(departmentA, run);
    }

    /** Creates a user with a password for logging in through the console; returns the username. */
    public String user(Api admin, String name, Role role, String region, Long department, String password) {
        String username = name + "-" + run;
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password,
                "displayName", name, "role", role.name()));
        if (region != null) {
            body.put("regionCode", region);
        }
        if (department != null) {
            body.put("departmentId", department);
        }
        Api.Response r = admin.post("/api/v1/users", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    private static Map<String, Object> feature(String kind, String code, String name, String parent, double west,
                                               double east) {
        Map<String, Object> properties = new HashMap<>(Map.of("kind", kind, "code", code, "name", name));
        if (parent != null) {
            properties.put("parent", parent);
        }
        List<List<Double>> ring = List.of(List.of(west, 30.0), List.of(east, 30.0), List.of(east, 30.02),
                List.of(west, 30.02), List.of(west, 30.0));
        return Map.of("type", "Feature", "properties", properties,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }
}
