package org.cityops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The decisions of the city's business — the case loop, deadlines, scope, routing, the
 * calendar, catalog and GeoJSON rules, the grid index — are plain Java: no Spring anywhere in them.
 */
class DomainLogicIsFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops");

    @Test
    void domainLogicDoesNotDependOnSpring() {
        noClasses().that().haveFullyQualifiedName("org.cityops.cases.internal.TransitionTable")
                .or().haveFullyQualifiedName("org.cityops.cases.internal.CaseLoop")
                .or().haveFullyQualifiedName("org.cityops.cases.internal.Deadlines")
                .or().haveFullyQualifiedName("org.cityops.cases.internal.CaseScope")
                .or().haveFullyQualifiedName("org.cityops.cases.internal.CaseFile")
                .or().haveFullyQualifiedName("org.cityops.org.internal.RoutingPolicy")
                .or().haveFullyQualifiedName("org.cityops.org.internal.OrgRules")
                .or().haveFullyQualifiedName("org.cityops.org.calendar.WorkingTimeCalendar")
                .or().haveFullyQualifiedName("org.cityops.catalog.internal.CatalogValidation")
                .or().haveFullyQualifiedName("org.cityops.geo.internal.ImportRules")
                .or().haveFullyQualifiedName("org.cityops.geo.internal.GridIndex")
                .or().haveFullyQualifiedName("org.cityops.geo.internal.FeatureCollectionReader")
                .or().haveFullyQualifiedName("org.cityops.intake.internal.Open311Rules")
                .or().haveFullyQualifiedName("org.cityops.intake.internal.Open311Format")
                .or().haveFullyQualifiedName("org.cityops.intake.internal.ServiceAttributes")
                .or().haveFullyQualifiedName("org.cityops.org.internal.ApiKeySecrets")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }

    @Test
    void moduleApiTypesDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("org.cityops.cases", "org.cityops.catalog", "org.cityops.geo",
                        "org.cityops.org", "org.cityops.intake")
                .and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("what modules publish to each other is plain Java")
                .check(classes);
    }
}
