package org.cityops.sensing.internal;

import java.util.Set;

/**
 * A device (or an integration covering several devices) authenticated by its credential.
 *
 * @param credentialId the credential's id
 * @param name         the credential's name
 * @param thingIds     the Things whose Datastreams and MultiDatastreams it may write Observations to
 */
record Device(long credentialId, String name, Set<Long> thingIds) {

    Device {
        thingIds = Set.copyOf(thingIds);
    }

    /** Returns whether the device may write Observations for the Thing. */
    boolean owns(long thingId) {
        return thingIds.contains(thingId);
    }
}
