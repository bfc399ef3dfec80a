package org.cityops.screen.internal;

/**
 * One event of the live stream as sent: {@code id:}, {@code event:} and {@code data:} lines.
 *
 * @param id           the event id, increasing with every event of this server's run
 * @param type         {@code case}, {@code alert}, {@code device}, {@code observation} or {@code reset}
 * @param data         the JSON document, serialised once for every client
 * @param scope        who may see it
 * @param datastreamId for observations, the datastream (only its subscribers get it); {@code null} otherwise
 */
record LiveEvent(long id, String type, String data, LiveScope scope, Long datastreamId) {
}
