package org.cityops.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rule engine — CEL conditions, windows, kinds, checks, dry runs — is plain Java. */
class RulesLogicIsFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops.rules");

    @Test
    void theRuleEngineDoesNotDependOnSpring() {
        String p = "org.cityops.rules.internal.";
        noClasses().that().haveFullyQualifiedName(p + "RuleEngine")
                .or().haveFullyQualifiedName(p + "StreamWindow")
                .or().haveFullyQualifiedName(p + "CelConditions")
                .or().haveFullyQualifiedName(p + "RuleCheck")
                .or().haveFullyQualifiedName(p + "RuleDefinition")
                .or().haveFullyQualifiedName(p + "Watch")
                .or().haveFullyQualifiedName(p + "CompiledRule")
                .or().haveFullyQualifiedName(p + "Signal")
                .or().haveFullyQualifiedName(p + "DryRun")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }
}
