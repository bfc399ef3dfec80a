package org.cityops.platform.internal;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves an {@link Actor} controller parameter from the caller's validated token. */
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private final ActorClaims claims;

    ActorArgumentResolver(ActorClaims claims) {
        this.claims = claims;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                  NativeWebRequest request, WebDataBinderFactory binders) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            throw new ProblemException.Forbidden("No authenticated caller");
        }
        return fromJwt(jwt, claims);
    }

    static Actor fromJwt(Jwt jwt, ActorClaims claims) {
        Role role = claims.role(jwt);
        String username = jwt.getClaimAsString(claims.usernameClaim());
        if (username == null) {
            username = jwt.getSubject();
        }
        if (username == null) {
            throw new ProblemException.Forbidden("The token carries neither a username claim '"
                    + claims.usernameClaim() + "' nor a subject");
        }
        Long departmentId = departmentId(jwt.getClaims().get(claims.departmentClaim()), claims);
        String regionCode = jwt.getClaimAsString(claims.regionClaim());
        if (regionCode == null && !role.departmentScoped() && !role.mayBeCityWide()) {
            // without a region such a caller would count as unrestricted and see the whole city
            throw new ProblemException.Forbidden("A " + role + " needs the region claim '" + claims.regionClaim()
                    + "' naming the division it works in");
        }
        try {
            return new Actor(username, role, regionCode, departmentId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Forbidden(e.getMessage());
        }
    }

    /** Returns the department id of a numeric or digit-string claim; identity providers emit either. */
    private static Long departmentId(Object claim, ActorClaims claims) {
        if (claim == null) {
            return null;
        }
        try {
            return Long.valueOf(claim.toString());
        } catch (NumberFormatException e) {
            throw new ProblemException.Forbidden("The department claim '" + claims.departmentClaim()
                    + "' must be a department id (a number), not '" + claim + "'");
        }
    }
}
