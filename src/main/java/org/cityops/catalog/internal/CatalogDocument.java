package org.cityops.catalog.internal;

import java.util.List;
import java.util.Map;

/**
 * A catalog as imported (JSON or YAML, the shape of the shipped {@code catalog/default-catalog.yaml}).
 * Values stay text here so that validation can name every bad entry rather than stop at the first.
 *
 * @param mainClasses main classes (大类) to create or update
 * @param subclasses  subclasses (小类) to create or update
 */
record CatalogDocument(List<MainClassDocument> mainClasses, List<SubclassDocument> subclasses) {

    /** A main class as imported: {@code {code: C01, kind: COMPONENT, name: 公用设施, active: true}}. */
    record MainClassDocument(String code, String kind, String name, Boolean active) {
    }

    /** A subclass as imported; {@code limits} maps NORMAL/URGENT/CRITICAL to an amount and unit. */
    record SubclassDocument(String code, String kind, String mainClass, String name, String registerCondition,
                            String closeCondition, Map<String, LimitDocument> limits, Boolean active) {
    }

    /** A time limit as imported: {@code {amount: 4, unit: WORKING_HOURS}}. */
    record LimitDocument(Integer amount, String unit) {
    }
}
