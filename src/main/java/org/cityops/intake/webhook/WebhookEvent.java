package org.cityops.intake.webhook;

import java.time.Instant;
import java.util.List;

/**
 * An event posted by another system, as read from the webhook's JSON body.
 *
 * @param eventType    what the sender detected or reports, e.g. {@code VIDEO_AI_DETECTION}
 * @param categoryCode the subclass the sender maps its event to
 * @param longitude    WGS 84 longitude
 * @param latitude     WGS 84 latitude
 * @param description  what is wrong; the event type when absent
 * @param address      a readable address, optional
 * @param occurredAt   when the sender observed it, optional
 * @param mediaRefs    references to snapshots or clips held by the sender
 * @param externalId   the sender's own id of the event, optional
 */
record WebhookEvent(String eventType, String categoryCode, double longitude, double latitude, String description,
                    String address, Instant occurredAt, List<String> mediaRefs, String externalId) {

    WebhookEvent {
        mediaRefs = mediaRefs == null ? List.of() : List.copyOf(mediaRefs);
    }
}
