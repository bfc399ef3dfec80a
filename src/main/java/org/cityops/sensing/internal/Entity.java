package org.cityops.sensing.internal;

import java.util.Map;

/**
 * One stored SensorThings entity as read from its table.
 *
 * @param type   the entity type
 * @param id     the {@code @iot.id}
 * @param values property values by JSON name: String for text, {@code JsonNode} for JSON, {@link TimeValue} for times
 * @param links  ids of to-one relations stored on this entity, by navigation name (absent when not linked)
 */
record Entity(EntityType type, long id, Map<String, Object> values, Map<String, Long> links) {
}
