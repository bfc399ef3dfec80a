package org.cityops.sensing.internal;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What an observation's result must look like for its datastream's {@code observationType}
 * (OGC O&amp;M 2.0 types as listed in SensorThings Part 1, Table "observationType").
 */
final class ObservationRules {

    static final String OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/";
    static final String COMPLEX = OM + "OM_ComplexObservation";

    private static final Map<String, String> EXPECTED = Map.of(
            OM + "OM_Measurement", "a number",
            OM + "OM_CountObservation", "an integer",
            OM + "OM_TruthObservation", "a boolean",
            OM + "OM_CategoryObservation", "a string (a URI or term)",
            OM + "OM_Observation", "any JSON value",
            COMPLEX, "an array");

    private ObservationRules() {
    }

    /** Returns whether the observation type is one the standard lists. */
    static boolean known(String observationType) {
        return EXPECTED.containsKey(observationType);
    }

    /** Returns why the result does not fit the observation type, or {@code null} when it fits. */
    static String resultProblem(String observationType, JsonNode result) {
        if (result == null || result.isNull()) {
            return null;
        }
        String expected = EXPECTED.get(observationType);
        if (expected == null) {
            return null;
        }
        boolean fits = switch (observationType.substring(OM.length())) {
            case "OM_Measurement" -> result.isNumber();
            case "OM_CountObservation" -> result.isIntegralNumber();
            case "OM_TruthObservation" -> result.isBoolean();
            case "OM_CategoryObservation" -> result.isString();
            case "OM_ComplexObservation" -> result.isArray();
            default -> true;
        };
        return fits ? null : "must be " + expected + " for observationType " + observationType + ", not "
                + (result.isString() ? "the string \"" + result.asString() + "\"" : result.toString());
    }

    /** Returns why a multi-datastream result does not fit its data types, or {@code null} when it fits. */
    static String multiResultProblem(JsonNode dataTypes, JsonNode result) {
        if (!result.isArray()) {
            return "must be an array with one value per observed property";
        }
        if (result.size() != dataTypes.size()) {
            return "must have " + dataTypes.size() + " values (one per multiObservationDataType), not " + result.size();
        }
        for (int i = 0; i < result.size(); i++) {
            String problem = resultProblem(dataTypes.get(i).asString(""), result.get(i));
            if (problem != null) {
                return "[" + i + "] " + problem;
            }
        }
        return null;
    }
}
