package org.cityops.insight.internal;

import java.util.List;

import org.cityops.cases.CaseStatistics.Tier;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;

/**
 * A region the figures are asked for (a division or a unit grid), with its ancestors, and the rule
 * which viewer may ask for it: region-scoped viewers only inside their own region; unrestricted
 * viewers and department handlers (whose figures are bounded by their department) anywhere.
 *
 * @param code      the region's code, {@code null} for everything the viewer sees
 * @param name      its name
 * @param level     {@code city}, {@code district}, {@code street}, {@code community} or {@code grid}
 * @param ancestors the codes of the regions containing it, the city first
 */
record RegionScope(String code, String name, String level, List<String> ancestors) {

    /** Returns the tier one level below this region, whose regions a map at this level colours; null below a community. */
    Tier childTier() {
        return switch (level) {
            case "all", "city" -> Tier.DISTRICT;
            case "district" -> Tier.STREET;
            case "street" -> Tier.COMMUNITY;
            case "community" -> Tier.GRID;
            default -> null;
        };
    }

    /** Throws Forbidden unless the viewer may see figures of this region. */
    RegionScope checkVisibleTo(Actor viewer) {
        if (viewer.unrestricted() || viewer.role().departmentScoped() || viewer.regionCode() == null) {
            return this;
        }
        if (viewer.regionCode().equals(code) || ancestors.contains(viewer.regionCode())) {
            return this;
        }
        throw new ProblemException.Forbidden("region " + code + " lies outside your region " + viewer.regionCode());
    }
}
