package org.cityops.sensing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** When a datastream counts as silent and how long observations are kept are plain Java. */
class LivenessLogicIsFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops.sensing");

    @Test
    void livenessAndRetentionRulesDoNotDependOnSpring() {
        String p = "org.cityops.sensing.internal.";
        noClasses().that().haveFullyQualifiedName(p + "LivenessPolicy")
                .or().haveFullyQualifiedName(p + "RetentionPolicy")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }
}
