package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class DemoCityTests {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> features() {
        return (List<Map<String, Object>>) DemoCity.geoJson("inspector").get("features");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> feature) {
        return (Map<String, Object>) feature.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Polygon polygon(Map<String, Object> feature) {
        Map<String, Object> geometry = (Map<String, Object>) feature.get("geometry");
        List<double[]> ring = ((List<List<double[]>>) geometry.get("coordinates")).get(0);
        Coordinate[] coordinates = ring.stream().map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new);
        return GEOMETRY.createPolygon(coordinates);
    }

    private static List<Map<String, Object>> ofKind(String kind) {
        return features().stream().filter(f -> kind.equals(properties(f).get("kind"))).toList();
    }

    @Test
    void theCityHasFourDistrictsTwelveStreetsAndAFewHundredUnitGrids() {
        assertThat(ofKind("city")).hasSize(1);
        assertThat(ofKind("district")).hasSize(4);
        assertThat(ofKind("street")).hasSize(12);
        assertThat(ofKind("community")).hasSize(24);
        assertThat(ofKind("grid")).hasSize(288);
        assertThat(ofKind("duty_grid")).hasSize(12);
    }

    @Test
    void unitGridsTileTheCityWithoutGapsOrOverlaps() {
        Polygon city = polygon(ofKind("city").get(0));
        List<Geometry> grids = new ArrayList<>();
        ofKind("grid").forEach(f -> grids.add(polygon(f)));
        double sum = grids.stream().mapToDouble(Geometry::getArea).sum();
        Geometry union = GEOMETRY.buildGeometry(grids).union();
        assertThat(sum).isCloseTo(city.getArea(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(union.symDifference(city).getArea()).isLessThan(1e-9);
        assertThat(city.getCentroid().getX()).isBetween(120.0, 120.4);
        assertThat(city.getCentroid().getY()).isBetween(30.1, 30.4);
    }

    @Test
    void everyCodeExtendsItsParentsCodeAsTheImportRulesRequire() {
        Map<String, String> kinds = features().stream()
                .collect(Collectors.toMap(f -> (String) properties(f).get("code"), f -> (String) properties(f).get("kind")));
        for (Map<String, Object> f : features()) {
            Map<String, Object> p = properties(f);
            String code = (String) p.get("code");
            String parent = (String) p.get("parent");
            switch ((String) p.get("kind")) {
                case "city" -> assertThat(code).matches("\\d{4}00");
                case "district" -> assertThat(code).matches("3399\\d{2}").startsWith(parent.substring(0, 4));
                case "street" -> assertThat(code).hasSize(9).startsWith(parent);
                case "community" -> assertThat(code).hasSize(12).startsWith(parent);
                case "grid" -> assertThat(code).hasSize(14).startsWith(parent);
                default -> assertThat(code).startsWith(parent + "D");
            }
            if (parent != null) {
                assertThat(kinds).containsKey(parent);
            }
            assertThat((String) p.get("name")).isNotBlank();
        }
    }

    @Test
    void everySensorLiesInsideTheDistrictItIsAssignedTo() {
        Map<String, Polygon> districts = ofKind("district").stream()
                .collect(Collectors.toMap(f -> (String) properties(f).get("code"), DemoCityTests::polygon));
        List<DemoCity.SensorSpec> sensors = DemoCity.sensors();
        assertThat(sensors).hasSize(260);
        Set<String> names = new HashSet<>();
        for (DemoCity.SensorSpec s : sensors) {
            assertThat(names.add(s.name())).as("unique name " + s.name()).isTrue();
            assertThat(districts.get(s.districtCode()).contains(GEOMETRY.createPoint(new Coordinate(s.longitude(), s.latitude()))))
                    .as(s.name()).isTrue();
        }
        assertThat(sensors.stream().map(s -> s.type().code).distinct()).containsExactlyInAnyOrder("water-level",
                "rain-gauge", "air-quality", "manhole-cover", "smoke-detector", "bridge-strain", "traffic-counter");
    }

    @Test
    void theMatrixNamesADistrictBureauForEveryMainClassInEveryDistrict() {
        List<String> mainClasses = List.of("C01", "C02", "E01", "E04");
        List<DemoCity.MatrixSpec> matrix = DemoCity.matrix(mainClasses);
        assertThat(matrix).hasSize(4 * mainClasses.size());
        assertThat(matrix).filteredOn(m -> m.mainClass().startsWith("C")).allMatch(m -> m.basis().equals("OWNER"));
        assertThat(matrix).filteredOn(m -> m.mainClass().startsWith("E")).allMatch(m -> m.basis().equals("LOCALITY"));
        Set<String> departments = DemoCity.departments().stream().map(DemoCity.DepartmentSpec::code).collect(Collectors.toSet());
        assertThat(matrix).allMatch(m -> departments.contains(DemoCity.departmentCode(m.districtCode(), m.bureau())));
    }

    @Test
    void thereIsOneDemoUserPerRoleButTheAdministrator() {
        assertThat(DemoCity.users().stream().map(DemoCity.UserSpec::role)).containsExactlyInAnyOrder("CITY_DISPATCHER",
                "DISTRICT_DISPATCHER", "STREET_OPERATOR", "DEPARTMENT_HANDLER", "GRID_INSPECTOR", "LEADER");
    }

    @Test
    void aPointIsPlacedInTheStreetThatContainsIt() {
        Map<String, Polygon> streets = ofKind("street").stream()
                .collect(Collectors.toMap(f -> (String) properties(f).get("code"), DemoCityTests::polygon));
        for (DemoCity.SensorSpec s : DemoCity.sensors()) {
            String street = DemoCity.streetAt(s.longitude(), s.latitude());
            assertThat(streets.get(street).contains(GEOMETRY.createPoint(new Coordinate(s.longitude(), s.latitude()))))
                    .as(s.name() + " in " + street).isTrue();
        }
    }

    @Test
    void everyRainGaugeStandsBesideAWaterLevelGaugeSoThatWaterloggingCanMeetInOneGrid() {
        List<DemoCity.SensorSpec> sensors = DemoCity.sensors();
        Set<String> stations = new HashSet<>();
        for (DemoCity.SensorSpec s : sensors) {
            if (s.type() == DemoCity.SensorType.WATER_LEVEL) {
                stations.add(s.longitude() + "," + s.latitude());
            }
        }
        for (DemoCity.SensorSpec s : sensors) {
            if (s.type() == DemoCity.SensorType.RAIN_GAUGE) {
                assertThat(stations).as(s.name()).contains(s.longitude() + "," + s.latitude());
            }
        }
    }
}
