package org.cityops.sensing;

import org.cityops.platform.Actor;

/**
 * Tells which devices report as expected. A device is a Thing with at least one Datastream that
 * declares an expected reporting interval ({@code properties."cityops:expectedInterval"}, or the
 * configured default); it is online while none of those datastreams has been silent for longer
 * than its interval.
 */
public interface DeviceLiveness {

    /** Returns how many devices the actor may see, and how many of them are online and offline. */
    DeviceCount count(Actor actor);

    /**
     * Devices in a caller's scope.
     *
     * @param devices Things with at least one watched datastream
     * @param online  those whose watched datastreams all report in time
     * @param offline those with at least one watched datastream silent for longer than its interval
     */
    record DeviceCount(int devices, int online, int offline) {
    }
}
