package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

import org.cityops.platform.ProblemException.FieldError;

/**
 * What an administrator asks for when issuing a device credential.
 *
 * @param name         a unique name ({@code pump-station-7}, {@code vendor-x-gateway})
 * @param integration  who runs the device or integration and what for
 * @param thingIds     the Things whose datastreams it may write to (one device, or several for an integration)
 * @param apiKey       whether to issue an API key (HTTP {@code X-Api-Key})
 * @param mqtt         whether to issue an MQTT username and password
 * @param mqttUsername the MQTT username, {@code null} for the credential's name
 */
record DeviceCredentialDraft(String name, String integration, List<Long> thingIds, boolean apiKey, boolean mqtt,
                             String mqttUsername) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,47}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    /** Returns the MQTT username the credential gets, {@code null} without MQTT. */
    String effectiveMqttUsername() {
        return !mqtt ? null : mqttUsername == null ? name : mqttUsername;
    }

    /** Returns every problem with the draft, each naming its field; empty when it can be issued. */
    List<FieldError> problems(LongPredicate thingExists) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 2-48 letters, digits or . _ - and start with a letter or digit"));
        }
        if (integration == null || integration.isBlank()) {
            errors.add(new FieldError("integration", "must say who runs the device and what for"));
        } else if (integration.length() > 200) {
            errors.add(new FieldError("integration", "is longer than 200 characters"));
        }
        if (thingIds == null || thingIds.isEmpty()) {
            errors.add(new FieldError("thingIds", "must list at least one Thing the device writes for"));
        } else {
            for (int i = 0; i < thingIds.size(); i++) {
                Long id = thingIds.get(i);
                if (id == null || !thingExists.test(id)) {
                    errors.add(new FieldError("thingIds/" + i, "no Thing with @iot.id " + id));
                }
            }
        }
        if (!apiKey && !mqtt) {
            errors.add(new FieldError("apiKey", "ask for an API key, MQTT credentials or both"));
        }
        if (mqttUsername != null && !mqtt) {
            errors.add(new FieldError("mqttUsername", "is given only with mqtt: true"));
        } else if (mqtt && effectiveMqttUsername() != null && !USERNAME.matcher(effectiveMqttUsername()).matches()) {
            errors.add(new FieldError("mqttUsername", "must be 2-64 letters, digits or . _ @ - and start with a letter "
                    + "or digit"));
        }
        return errors;
    }
}
