package org.cityops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class ActorArgumentResolverTests {

    static final ActorClaims DEFAULTS = new ActorClaims("cityops_role", "cityops_region", "cityops_department",
            "preferred_username");
    static final ActorClaims CUSTOM = new ActorClaims("roles_cityops", "division", "dept", "login");

    static Jwt token(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("token").header("alg", "RS256").subject("3f2c-subject-id");
        claims.forEach(b::claim);
        return b.build();
    }

    @Test
    void defaultClaimNamesGiveUsernameRoleAndRegion() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("preferred_username", "wang.li",
                "cityops_role", "DISTRICT_DISPATCHER", "cityops_region", "950101")), DEFAULTS);

        assertThat(actor).isEqualTo(new Actor("wang.li", Role.DISTRICT_DISPATCHER, "950101", null));
    }

    @Test
    void customClaimNamesAreReadAndTheDefaultNamesIgnored() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("login", "zhao.min", "roles_cityops", "STREET_OPERATOR",
                "division", "950101001", "cityops_role", "ADMIN", "preferred_username", "someone-else")), CUSTOM);

        assertThat(actor).isEqualTo(new Actor("zhao.min", Role.STREET_OPERATOR, "950101001", null));
    }

    @Test
    void aTokenWithoutTheRoleClaimIsForbiddenNamingTheClaim() {
        Jwt jwt = token(Map.of("preferred_username", "wang.li", "cityops_role", "ADMIN"));

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, CUSTOM))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("no role claim 'roles_cityops'");
    }

    @Test
    void anUnknownRoleIsForbiddenNamingTheRole() {
        Jwt jwt = token(Map.of("preferred_username", "wang.li", "cityops_role", "SUPERUSER"));

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("Unknown role 'SUPERUSER'");
    }

    @Test
    void roleNamesAreCaseSensitiveLikeTheEnum() {
        Jwt jwt = token(Map.of("cityops_role", "admin"));

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("Unknown role 'admin'");
    }

    @Test
    void aListOfRolesGivesTheOneCityOpsRoleAmongTheProvidersOwn() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("preferred_username", "chen.jie",
                "cityops_role", List.of("offline_access", "uma_authorization", "LEADER", "LEADER"))), DEFAULTS);

        assertThat(actor.role()).isEqualTo(Role.LEADER);
    }

    @Test
    void theRoleClaimMayBeAPathIntoNestedClaimsAsKeycloakWritesThem() {
        ActorClaims keycloak = new ActorClaims("realm_access.roles", "cityops_region", "cityops_department",
                "preferred_username");
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("preferred_username", "wang.li", "cityops_region",
                "950101", "realm_access", Map.of("roles", List.of("default-roles-city", "DISTRICT_DISPATCHER")))),
                keycloak);

        assertThat(actor).isEqualTo(new Actor("wang.li", Role.DISTRICT_DISPATCHER, "950101", null));
        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(token(Map.of("realm_access", Map.of("groups",
                List.of("LEADER")))), keycloak))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("no role claim 'realm_access.roles'");
    }

    @Test
    void aClaimNamedWithADotIsReadByItsNameFirst() {
        ActorClaims dotted = new ActorClaims("cityops.role", "cityops_region", "cityops_department",
                "preferred_username");
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops.role", "LEADER",
                "cityops", Map.of("role", "ADMIN"))), dotted);

        assertThat(actor.role()).isEqualTo(Role.LEADER);
    }

    @Test
    void aListWithoutACityOpsRoleOrWithSeveralIsForbiddenNamingThem() {
        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(token(Map.of("cityops_role",
                List.of("offline_access", "admin"))), DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("None of the roles [offline_access, admin] in the claim 'cityops_role'");
        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(token(Map.of("cityops_role",
                List.of("LEADER", "offline_access", "ADMIN"))), DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("several CityOps roles [LEADER, ADMIN]");
        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", List.of("LEADER", 7))),
                DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("must be a role name or a list of role names");
        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", 7)), DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("must be a role name or a list of role names");
    }

    @Test
    void aDepartmentHandlerWithoutDepartmentIsForbidden() {
        Jwt jwt = token(Map.of("preferred_username", "li.gang", "cityops_role", "DEPARTMENT_HANDLER"));

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("DEPARTMENT_HANDLER must belong to a department");
    }

    @Test
    void aDepartmentClaimThatIsNotANumberIsForbiddenNamingTheClaim() {
        Jwt jwt = token(Map.of("cityops_role", "DEPARTMENT_HANDLER", "cityops_department", "sanitation"));

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("'cityops_department'");
    }

    @Test
    void aRegionScopedRoleBelowTheCityWithoutRegionIsForbiddenRatherThanCityWide() {
        for (String role : new String[] {"DISTRICT_DISPATCHER", "STREET_OPERATOR", "GRID_INSPECTOR"}) {
            Jwt jwt = token(Map.of("cityops_role", role));

            assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS)).as(role)
                    .isInstanceOf(ProblemException.Forbidden.class)
                    .hasMessageContaining("needs the region claim 'cityops_region'");
        }
    }

    @Test
    void theSubjectIsTheUsernameWhenTheUsernameClaimIsMissing() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", "LEADER")), DEFAULTS);

        assertThat(actor.username()).isEqualTo("3f2c-subject-id");
    }

    @Test
    void theUsernameClaimWinsOverTheSubject() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", "LEADER",
                "preferred_username", "chen.jie")), DEFAULTS);

        assertThat(actor.username()).isEqualTo("chen.jie");
    }

    @Test
    void aTokenWithNeitherUsernameNorSubjectIsForbidden() {
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").claim("cityops_role", "LEADER").build();

        assertThatThrownBy(() -> ActorArgumentResolver.fromJwt(jwt, DEFAULTS))
                .isInstanceOf(ProblemException.Forbidden.class)
                .hasMessageContaining("'preferred_username'");
    }

    @Test
    void aNumericDepartmentClaimIsTheDepartmentId() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", "DEPARTMENT_HANDLER",
                "cityops_department", 42)), DEFAULTS);

        assertThat(actor.departmentId()).isEqualTo(42L);
    }

    @Test
    void aStringDepartmentClaimOfDigitsIsTheDepartmentId() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", "DEPARTMENT_HANDLER",
                "dept", "42", "roles_cityops", "DEPARTMENT_HANDLER")), CUSTOM);

        assertThat(actor.departmentId()).isEqualTo(42L);
    }

    @Test
    void aCityLevelRoleWithoutRegionIsUnrestricted() {
        Actor actor = ActorArgumentResolver.fromJwt(token(Map.of("cityops_role", "CITY_DISPATCHER")), DEFAULTS);

        assertThat(actor.regionCode()).isNull();
        assertThat(actor.unrestricted()).isTrue();
    }
}
