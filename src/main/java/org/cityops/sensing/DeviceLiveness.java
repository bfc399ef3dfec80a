package org.cityops.sensing;

import java.util.Optional;

import org.cityops.geo.GridLocation;
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
     * Returns where the datastream's Thing stands in the city and who owns it, to scope its
     * {@link DeviceStatusChanged} events; empty when the datastream does not exist.
     */
    Optional<DevicePlace> place(long datastreamId);

    /**
     * Returns where the Thing of the event's Datastream or MultiDatastream stands and who owns it,
     * to scope the event; empty when the stream does not exist.
     */
    Optional<DevicePlace> place(DeviceStatusChanged event);

    /**
     * A device's place in the city.
     *
     * @param thingId      the Thing
     * @param thingType    its type ({@code properties."cityops:type"}), {@code null} when not set
     * @param departmentId its owning department, {@code null} when not set
     * @param location     its grid and divisions, {@code null} when it has no Location in the city
     */
    record DevicePlace(long thingId, String thingType, Long departmentId, GridLocation location) {
    }

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
