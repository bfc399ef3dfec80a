package org.cityops.screen.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The console's live stream (server-sent events) of cases, alerts, devices and subscribed values, in the caller's scope. */
@RestController
@Tag(name = "Live stream (实时推送)", description = "Server-sent events for the console")
class LiveStreamController {

    private final LiveHub hub;
    private final LiveStreamSettings settings;

    LiveStreamController(LiveHub hub, LiveStreamSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    @GetMapping("/api/v1/stream")
    @Operation(summary = "Server-sent events in the caller's scope: case, alert, device (online/offline) and "
            + "observation (latest values of ?datastreams=1,2,3, at most one per datastream per second); resumes "
            + "after Last-Event-ID (header or lastEventId parameter), or sends reset when those events are gone")
    SseEmitter stream(@Parameter(description = "datastream ids whose latest values to receive, comma-separated")
                      @RequestParam(required = false) String datastreams,
                      @Parameter(description = "the id of the last event seen, when the header cannot be sent")
                      @RequestParam(required = false) String lastEventId,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                      Actor actor, HttpServletResponse response) {
        Long last = lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? eventId(lastEventIdHeader, "Last-Event-ID") : eventId(lastEventId, "lastEventId");
        Set<Long> streams = datastreams(datastreams);
        // proxies must neither cache nor buffer the stream
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        hub.connect(actor, streams, last, emitter);
        return emitter;
    }

    private static Long eventId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.BadRequest.field(field, "must be the id of an event of this stream, not " + value);
        }
    }

    private Set<Long> datastreams(String value) {
        Set<Long> out = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            try {
                long id = Long.parseLong(part.trim());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                out.add(id);
            } catch (NumberFormatException e) {
                throw ProblemException.BadRequest.field("datastreams",
                        "must be datastream ids separated by commas, not " + part.trim());
            }
        }
        if (out.size() > settings.maxDatastreams()) {
            throw ProblemException.BadRequest.field("datastreams", "at most " + settings.maxDatastreams()
                    + " datastreams per stream");
        }
        return out;
    }
}
