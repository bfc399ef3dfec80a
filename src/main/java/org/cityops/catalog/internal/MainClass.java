package org.cityops.catalog.internal;

import org.cityops.catalog.CategoryKind;

/**
 * A main class (大类), e.g. {@code C01} 公用设施.
 *
 * @param code   kind prefix (C component, E event) and the standard's 2-digit main class number
 * @param kind   component or event
 * @param name   Chinese name
 * @param active whether new cases may use it
 */
record MainClass(String code, CategoryKind kind, String name, boolean active) {
}
