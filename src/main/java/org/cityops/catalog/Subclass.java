package org.cityops.catalog;

import java.util.Map;

/**
 * A category subclass (小类): the unit of registering, routing and timing a case.
 *
 * @param code              subclass code: 2-digit main class + 2-digit subclass, prefixed by kind
 *                          (e.g. {@code "C0101"} 上水井盖, {@code "E0101"} 暴露垃圾)
 * @param name              Chinese name
 * @param kind              component or event
 * @param mainClassCode     code of the main class (大类), e.g. {@code "C01"}
 * @param mainClassName     name of the main class, e.g. 公用设施
 * @param registerCondition 立案条件: when a report of this subclass becomes a case
 * @param closeCondition    结案条件: when a handled case may be closed
 * @param handlingLimits    处置时限 per urgency; every urgency has one
 */
public record Subclass(String code, String name, CategoryKind kind, String mainClassCode, String mainClassName,
                       String registerCondition, String closeCondition, Map<Urgency, TimeLimit> handlingLimits) {

    public Subclass {
        handlingLimits = Map.copyOf(handlingLimits);
    }

    /** Returns the handling time limit for the urgency. */
    public TimeLimit handlingLimit(Urgency urgency) {
        TimeLimit limit = handlingLimits.get(urgency);
        return limit != null ? limit : handlingLimits.get(Urgency.NORMAL);
    }
}
