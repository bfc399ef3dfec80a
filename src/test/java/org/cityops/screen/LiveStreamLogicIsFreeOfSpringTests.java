package org.cityops.screen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The live stream's numbering and replay, throttling and scope rules are plain Java. */
class LiveStreamLogicIsFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops.screen");

    @Test
    void liveStreamRulesDoNotDependOnSpring() {
        String p = "org.cityops.screen.internal.";
        noClasses().that().haveFullyQualifiedName(p + "LiveJournal")
                .or().haveFullyQualifiedName(p + "LiveThrottle")
                .or().haveFullyQualifiedName(p + "LiveScope")
                .or().haveFullyQualifiedName(p + "LiveEvent")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }
}
