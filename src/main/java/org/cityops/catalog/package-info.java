/**
 * The category catalog (GB/T 30428.2): component (部件) and event (事件) classes and
 * subclasses, their register and close conditions, and handling time limits per urgency.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.cityops.catalog;
