/**
 * Where problems come from: 12345 hotline work orders, Open311, inspector reports, webhooks;
 * each channel feeds the one case entry ({@link org.cityops.cases.CaseIntake}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.cityops.intake;
