package org.cityops.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class OrgApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api anonymous() {
        return Api.on(port, issuer);
    }

    Api admin() {
        return anonymous().as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return anonymous().as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns a fresh place of the city model, imported, so departments and users may name its divisions. */
    TestPlace place() {
        return TestPlace.fresh().importedBy(admin());
    }

    /** Returns the code of a freshly imported district. */
    String district() {
        return place().district();
    }

    long department(String regionCode) {
        var r = admin().post("/api/v1/departments", Map.of("code", unique("dept"), "name", "城管执法局",
                "level", "DISTRICT", "regionCode", regionCode, "contact", "021-1234"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    JsonNode createUser(String username, String password, Role role, String regionCode, Long departmentId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password,
                "displayName", "张三", "role", role.name(), "phone", "13800000000"));
        if (regionCode != null) {
            body.put("regionCode", regionCode);
        }
        if (departmentId != null) {
            body.put("departmentId", departmentId);
        }
        var r = admin().post("/api/v1/users", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static List<String> errorFields(Api.Response r) {
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    Api.Response login(String username, String password) {
        return anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", password));
    }

    @Test
    void theBootstrapAdministratorCanLogInWithTheConfiguredPassword() {
        var r = login("admin", "admin-test-password");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("role").asString()).isEqualTo("ADMIN");
        assertThat(r.json().get("roleName").asString()).isEqualTo("系统管理员");
    }

    @Test
    void aUserLogsInAndTheTokenIdentifiesThemAtMe() {
        String region = district();
        String name = unique("dd");
        createUser(name, "correct-horse", Role.DISTRICT_DISPATCHER, region, null);

        var r = login(name, "correct-horse");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("username").asString()).isEqualTo(name);
        assertThat(body.get("displayName").asString()).isEqualTo("张三");
        assertThat(body.get("role").asString()).isEqualTo("DISTRICT_DISPATCHER");
        assertThat(body.get("roleName").asString()).isEqualTo("区派遣员");
        assertThat(body.get("regionCode").asString()).isEqualTo(region);
        assertThat(body.get("expiresAt").asString()).isNotBlank();

        var me = anonymous().withToken(body.get("token").asString()).get("/api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(name);
        assertThat(me.json().get("regionCode").asString()).isEqualTo(region);
        assertThat(me.json().get("phone").asString()).isEqualTo("13800000000");
        assertThat(me.body()).doesNotContain("password");
    }

    @Test
    void aDepartmentHandlerLogsInWithTheirDepartment() {
        long dept = department(district());
        String name = unique("handler");
        createUser(name, "correct-horse", Role.DEPARTMENT_HANDLER, null, dept);

        var r = login(name, "correct-horse");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("departmentId").asLong()).isEqualTo(dept);
    }

    @Test
    void wrongPasswordUnknownUserAndInactiveUserAllGetTheSame401() {
        String name = unique("insp");
        long id = createUser(name, "correct-horse", Role.GRID_INSPECTOR, district(), null).get("id").asLong();
        String inactive = unique("gone");
        long goneId = createUser(inactive, "correct-horse", Role.GRID_INSPECTOR, district(), null).get("id").asLong();
        assertThat(admin().post("/api/v1/users/" + goneId + "/deactivate", Map.of()).status()).isEqualTo(200);

        var wrong = login(name, "wrong-password");
        var unknown = login(unique("nobody"), "correct-horse");
        var deactivated = login(inactive, "correct-horse");

        for (var r : List.of(wrong, unknown, deactivated)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.contentType()).contains("application/problem+json");
        }
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"))
                .isEqualTo(deactivated.json().get("detail"));
        assertThat(admin().get("/api/v1/users/" + id).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void aMissingPasswordIsABadRequestNamingTheField() {
        var r = anonymous().post("/api/v1/auth/login", Map.of("username", "admin"));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).contains("password");
    }

    @Test
    void meWithoutATokenIsUnauthorized() {
        assertThat(anonymous().get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        String name = unique("op");
        createUser(name, "first-password", Role.STREET_OPERATOR, place().street(), null);
        Api self = anonymous().withToken(login(name, "first-password").json().get("token").asString());

        var wrongCurrent = self.post("/api/v1/me/password",
                Map.of("currentPassword", "not-it-at-all", "newPassword", "second-password"));
        assertThat(wrongCurrent.status()).as(wrongCurrent.toString()).isEqualTo(400);
        assertThat(errorFields(wrongCurrent)).containsExactly("currentPassword");
        assertThat(login(name, "first-password").status()).isEqualTo(200);

        var tooShort = self.post("/api/v1/me/password",
                Map.of("currentPassword", "first-password", "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(errorFields(tooShort)).containsExactly("newPassword");

        var ok = self.post("/api/v1/me/password",
                Map.of("currentPassword", "first-password", "newPassword", "second-password"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(204);
        assertThat(login(name, "first-password").status()).isEqualTo(401);
        assertThat(login(name, "second-password").status()).isEqualTo(200);
    }

    @Test
    void aDispatcherCannotWriteReferenceData() {
        String code = unique("dept");
        String username = unique("user");

        var dept = dispatcher().post("/api/v1/departments",
                Map.of("code", code, "name", "x", "level", "CITY", "regionCode", place().city()));
        var pos = dispatcher().post("/api/v1/positions", Map.of("code", code, "name", "x", "role", "LEADER"));
        var user = dispatcher().post("/api/v1/users", Map.of("username", username, "password", "long-enough",
                "displayName", "x", "role", "LEADER"));
        var deactivate = dispatcher().post("/api/v1/departments/" + department(district()) + "/deactivate", Map.of());

        for (var r : List.of(dept, pos, user, deactivate)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().get("detail").asString()).contains("administrator");
        }
        assertThat(admin().get("/api/v1/departments").body()).doesNotContain(code);
        assertThat(admin().get("/api/v1/positions").body()).doesNotContain(code);
        assertThat(admin().get("/api/v1/users").body()).doesNotContain(username);
    }

    @Test
    void anyoneSignedInReadsDepartments() {
        long id = department(district());

        var r = dispatcher().get("/api/v1/departments/" + id);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("level").asString()).isEqualTo("DISTRICT");
        assertThat(r.json().get("active").asBoolean()).isTrue();
    }

    @Test
    void userResponsesNeverCarryPasswordHashes() {
        String name = unique("leader");
        var created = createUser(name, "correct-horse", Role.LEADER, null, null);

        String list = admin().get("/api/v1/users").body();
        String one = admin().get("/api/v1/users/" + created.get("id").asLong()).body();

        for (String body : List.of(created.toString(), list, one)) {
            assertThat(body).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}").doesNotContain("$2a$");
        }
        assertThat(list).contains(name);
    }

    @Test
    void aDuplicateDepartmentCodeIsAConflictNamingTheCode() {
        String code = unique("dup");
        Map<String, Object> body = Map.of("code", code, "name", "园林局", "level", "CITY", "regionCode",
                place().city());
        assertThat(admin().post("/api/v1/departments", body).status()).isEqualTo(201);

        var r = admin().post("/api/v1/departments", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(errorFields(r)).containsExactly("code");
        assertThat(admin().get("/api/v1/departments").json().valueStream()
                .filter(d -> d.get("code").asString().equals(code)).count()).isEqualTo(1);
    }

    @Test
    void aDuplicateUsernameIsAConflictNamingTheUsername() {
        String name = unique("twin");
        createUser(name, "correct-horse", Role.LEADER, null, null);

        var r = admin().post("/api/v1/users", Map.of("username", name, "password", "other-password",
                "displayName", "李四", "role", "LEADER"));

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(errorFields(r)).containsExactly("username");
        assertThat(login(name, "other-password").status()).isEqualTo(401);
    }

    @Test
    void anInvalidDepartmentNamesEveryFailingFieldAndIsNotStored() {
        String code = unique("bad");

        var r = admin().post("/api/v1/departments", Map.of("code", code, "name", " ", "level", "STREET",
                "regionCode", district()));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("name", "regionCode");
        assertThat(admin().get("/api/v1/departments").body()).doesNotContain(code);
    }

    @Test
    void anUnknownDepartmentLevelIsABadRequestNamingTheField() {
        var r = admin().post("/api/v1/departments", Map.of("code", unique("lvl"), "name", "x", "level", "PROVINCE",
                "regionCode", place().city()));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("level");
    }

    @Test
    void aDepartmentHandlerNeedsAnActiveDepartment() {
        long dept = department(district());
        assertThat(admin().post("/api/v1/departments/" + dept + "/deactivate", Map.of()).json()
                .get("active").asBoolean()).isFalse();
        String withInactive = unique("h1");
        String withNone = unique("h2");

        var inactive = admin().post("/api/v1/users", Map.of("username", withInactive, "password", "correct-horse",
                "displayName", "王五", "role", "DEPARTMENT_HANDLER", "departmentId", dept));
        var none = admin().post("/api/v1/users", Map.of("username", withNone, "password", "correct-horse",
                "displayName", "王五", "role", "DEPARTMENT_HANDLER"));

        assertThat(inactive.status()).as(inactive.toString()).isEqualTo(400);
        assertThat(errorFields(inactive)).containsExactly("departmentId");
        assertThat(none.status()).isEqualTo(400);
        assertThat(errorFields(none)).containsExactly("departmentId");
        String users = admin().get("/api/v1/users").body();
        assertThat(users).doesNotContain(withInactive).doesNotContain(withNone);
    }

    @Test
    void aRegionScopedRoleNeedsARegionCode() {
        String name = unique("nr");

        var r = admin().post("/api/v1/users", Map.of("username", name, "password", "correct-horse",
                "displayName", "赵六", "role", "DISTRICT_DISPATCHER"));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("regionCode");
        assertThat(admin().get("/api/v1/users").body()).doesNotContain(name);
    }

    @Test
    void anUpdateWithAnOutdatedVersionIsAConflict() {
        long id = department(district());
        JsonNode current = admin().get("/api/v1/departments/" + id).json();
        long version = current.get("version").asLong();
        Map<String, Object> change = Map.of("version", version, "name", "新名称", "level", "DISTRICT",
                "regionCode", current.get("regionCode").asString());

        var first = admin().put("/api/v1/departments/" + id, change);
        var second = admin().put("/api/v1/departments/" + id, Map.of("version", version, "name", "另一个名称",
                "level", "DISTRICT", "regionCode", current.get("regionCode").asString()));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("version").asLong()).isEqualTo(version + 1);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("currentVersion").asLong()).isEqualTo(version + 1);
        assertThat(admin().get("/api/v1/departments/" + id).json().get("name").asString()).isEqualTo("新名称");
    }

    @Test
    void aPositionMustMatchTheUsersRole() {
        var pos = admin().post("/api/v1/positions", Map.of("code", unique("pos"), "name", "值班长",
                "role", "CITY_DISPATCHER"));
        assertThat(pos.status()).as(pos.toString()).isEqualTo(201);
        String name = unique("pm");

        var r = admin().post("/api/v1/users", Map.of("username", name, "password", "correct-horse",
                "displayName", "钱七", "role", "LEADER", "positionId", pos.json().get("id").asLong()));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("positionId");
        assertThat(admin().get("/api/v1/users").body()).doesNotContain(name);
    }

    @Test
    void aDistrictDispatcherSeesOnlyUsersOfTheirDistrict() {
        TestPlace mine = place();
        TestPlace other = place();
        while (other.district().equals(mine.district())) {
            other = place();
        }
        String inside = unique("in");
        String outside = unique("out");
        createUser(inside, "correct-horse", Role.GRID_INSPECTOR, mine.street(), null);
        createUser(outside, "correct-horse", Role.GRID_INSPECTOR, other.district(), null);

        String seen = anonymous().as(new Actor("dd", Role.DISTRICT_DISPATCHER, mine.district(), null))
                .get("/api/v1/users").body();

        assertThat(seen).contains(inside).doesNotContain(outside);
    }

    @Test
    void anAdministratorCannotDeactivateThemselves() {
        String name = unique("adm");
        long id = createUser(name, "correct-horse", Role.ADMIN, null, null).get("id").asLong();

        var r = anonymous().as(new Actor(name, Role.ADMIN, null, null)).post("/api/v1/users/" + id + "/deactivate", Map.of());

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(login(name, "correct-horse").status()).isEqualTo(200);
    }

    @Test
    void aDepartmentInARegionTheCityModelLacksIsRefusedAndNotStored() {
        TestPlace p = place();
        // Fresh places number districts from 10, so district 05 of the city is never imported.
        String unknown = p.city().substring(0, 4) + "05";
        String code = unique("nowhere");

        var r = admin().post("/api/v1/departments", Map.of("code", code, "name", "城管执法局", "level", "DISTRICT",
                "regionCode", unknown));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("regionCode");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("no active division " + unknown);
        assertThat(admin().get("/api/v1/departments").body()).doesNotContain(code);
    }

    @Test
    void aDepartmentsRegionMustBeADivisionOfItsOwnLevel() {
        TestPlace p = place();
        String districtOnCity = unique("d-on-city");
        String cityOnDistrict = unique("c-on-district");

        var district = admin().post("/api/v1/departments", Map.of("code", districtOnCity, "name", "区城管局",
                "level", "DISTRICT", "regionCode", p.city()));
        var city = admin().post("/api/v1/departments", Map.of("code", cityOnDistrict, "name", "市城管局",
                "level", "CITY", "regionCode", p.district()));

        assertThat(district.status()).as(district.toString()).isEqualTo(400);
        assertThat(errorFields(district)).containsExactly("regionCode");
        assertThat(district.body()).contains("must be a district").contains(p.city() + " is a city");
        assertThat(city.status()).as(city.toString()).isEqualTo(400);
        assertThat(errorFields(city)).containsExactly("regionCode");
        assertThat(city.body()).contains("must be a city").contains(p.district() + " is a district");
        assertThat(admin().get("/api/v1/departments").body()).doesNotContain(districtOnCity)
                .doesNotContain(cityOnDistrict);
    }

    @Test
    void aStreetDepartmentServesAStreetOfTheCityModel() {
        TestPlace p = place();

        var r = admin().post("/api/v1/departments", Map.of("code", unique("street"), "name", "街道城管中队",
                "level", "STREET", "regionCode", p.street()));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("regionCode").asString()).isEqualTo(p.street());
    }

    @Test
    void aDeactivatedStreetTakesNoNewDepartmentsOrUsers() {
        TestPlace p = place().streetDeactivatedBy(admin());
        String code = unique("closed");
        String name = unique("closed");

        var dept = admin().post("/api/v1/departments", Map.of("code", code, "name", "街道城管中队",
                "level", "STREET", "regionCode", p.street()));
        var user = admin().post("/api/v1/users", Map.of("username", name, "password", "correct-horse",
                "displayName", "孙八", "role", "STREET_OPERATOR", "regionCode", p.street()));

        for (var r : List.of(dept, user)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(errorFields(r)).containsExactly("regionCode");
            assertThat(r.body()).contains("no active division " + p.street());
        }
        assertThat(admin().get("/api/v1/departments").body()).doesNotContain(code);
        assertThat(admin().get("/api/v1/users").body()).doesNotContain(name);
    }

    @Test
    void anUpdateToARegionTheCityModelLacksChangesNothing() {
        TestPlace p = place();
        long id = department(p.district());
        JsonNode current = admin().get("/api/v1/departments/" + id).json();
        String unknown = p.city().substring(0, 4) + "05";

        var r = admin().put("/api/v1/departments/" + id, Map.of("version", current.get("version").asLong(),
                "name", "改名", "level", "DISTRICT", "regionCode", unknown));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("regionCode");
        JsonNode after = admin().get("/api/v1/departments/" + id).json();
        assertThat(after.get("regionCode").asString()).isEqualTo(p.district());
        assertThat(after.get("name").asString()).isEqualTo(current.get("name").asString());
        assertThat(after.get("version").asLong()).isEqualTo(current.get("version").asLong());
    }

    @Test
    void aUserInARegionTheCityModelLacksIsRefusedAndNotStored() {
        TestPlace p = place();
        // Fresh places number streets from 100, so street 000 of the district is never imported.
        String unknown = p.district() + "000";
        String name = unique("lost");

        var created = admin().post("/api/v1/users", Map.of("username", name, "password", "correct-horse",
                "displayName", "周九", "role", "STREET_OPERATOR", "regionCode", unknown));

        assertThat(created.status()).as(created.toString()).isEqualTo(400);
        assertThat(errorFields(created)).containsExactly("regionCode");
        assertThat(created.body()).contains("no active division " + unknown);
        assertThat(admin().get("/api/v1/users").body()).doesNotContain(name);

        String existing = unique("moved");
        JsonNode user = createUser(existing, "correct-horse", Role.STREET_OPERATOR, p.street(), null);
        var moved = admin().put("/api/v1/users/" + user.get("id").asLong(), Map.of("version",
                user.get("version").asLong(), "displayName", "周九", "role", "STREET_OPERATOR", "regionCode", unknown));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(400);
        assertThat(errorFields(moved)).containsExactly("regionCode");
        assertThat(admin().get("/api/v1/users/" + user.get("id").asLong()).json().get("regionCode").asString())
                .isEqualTo(p.street());
    }
}
