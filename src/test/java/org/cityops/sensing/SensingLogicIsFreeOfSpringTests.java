package org.cityops.sensing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The SensorThings model and its rules — entity types, the $filter language, query options,
 * resource paths, times, GeoJSON, both batch formats, result types, the Data Array format, the SQL translation, reading observations
 * for ingest, the MQTT topic rules and device credential rules — are plain Java.
 */
class SensingLogicIsFreeOfSpringTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cityops.sensing");

    @Test
    void sensorThingsRulesDoNotDependOnSpring() {
        String p = "org.cityops.sensing.internal.";
        noClasses().that().haveFullyQualifiedName(p + "EntityType")
                .or().haveFullyQualifiedName(p + "Entity")
                .or().haveFullyQualifiedName(p + "Expr")
                .or().haveFullyQualifiedName(p + "FilterParser")
                .or().haveFullyQualifiedName(p + "FilterEvaluator")
                .or().haveFullyQualifiedName(p + "QueryOptions")
                .or().haveFullyQualifiedName(p + "ResourcePath")
                .or().haveFullyQualifiedName(p + "TimeValue")
                .or().haveFullyQualifiedName(p + "GeoJson")
                .or().haveFullyQualifiedName(p + "ObservationRules")
                .or().haveFullyQualifiedName(p + "DataArray")
                .or().haveFullyQualifiedName(p + "Version")
                .or().haveFullyQualifiedName(p + "SqlTranslation")
                .or().haveFullyQualifiedName(p + "ObservationInput")
                .or().haveFullyQualifiedName(p + "MemberValues")
                .or().haveFullyQualifiedName(p + "ObservationCopyFormat")
                .or().haveFullyQualifiedName(p + "IsoDateTimes")
                .or().haveFullyQualifiedName(p + "MqttTopics")
                .or().haveFullyQualifiedName(p + "Device")
                .or().haveFullyQualifiedName(p + "DeviceCredentialDraft")
                .or().haveFullyQualifiedName(p + "DeviceSecrets")
                .or().haveFullyQualifiedName(p + "BatchDocument")
                .or().haveFullyQualifiedName(p + "JsonBatchDocument")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain logic is plain Java, tested without a Spring context")
                .check(classes);
    }
}
