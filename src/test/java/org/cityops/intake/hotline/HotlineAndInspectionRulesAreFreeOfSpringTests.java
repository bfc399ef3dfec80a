package org.cityops.intake.hotline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hotline's and inspection reports' rules and arithmetic are plain Java, tested without Spring. */
class HotlineAndInspectionRulesAreFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops.intake", "org.cityops.cases");

    @Test
    void rulesAndFiguresDoNotDependOnSpring() {
        noClasses().that().haveFullyQualifiedName("org.cityops.intake.hotline.WorkOrderRules")
                .or().haveFullyQualifiedName("org.cityops.intake.hotline.HotlineFigures")
                .or().haveFullyQualifiedName("org.cityops.intake.hotline.PhoneNumbers")
                .or().haveFullyQualifiedName("org.cityops.intake.hotline.WorkOrder")
                .or().haveFullyQualifiedName("org.cityops.intake.inspection.InspectionRules")
                .or().haveFullyQualifiedName("org.cityops.intake.inspection.ImageType")
                .or().haveFullyQualifiedName("org.cityops.cases.CaseOutcomes")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }
}
