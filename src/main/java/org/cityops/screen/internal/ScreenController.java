package org.cityops.screen.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.platform.Actor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** What the console needs to know at start: the map's tile layer, the city to open and the refresh rate. */
@RestController
@RequestMapping("/api/v1/screen")
@Tag(name = "Screen (一张图)", description = "Configuration of the web console")
class ScreenController {

    /** The live stream the city screen's feed reads (Server-Sent Events). */
    static final String LIVE_STREAM = "/api/v1/stream";

    private final ScreenSettings settings;
    private final RequestMappingHandlerMapping mappings;

    ScreenController(ScreenSettings settings,
                     @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.settings = settings;
        this.mappings = mappings;
    }

    /**
     * The console's configuration; empty strings mean "not set". {@code liveStream} says whether
     * this platform serves the live stream, so the console neither polls for one that is absent
     * nor logs failed requests.
     */
    record ScreenConfig(String tileUrl, String tileAttribution, String city, long refreshSeconds, boolean liveStream) {
    }

    @GetMapping("/config")
    @Operation(summary = "The console's map tile layer (empty: none), the city to open and the refresh interval")
    ScreenConfig config(Actor actor) {
        return new ScreenConfig(settings.tileUrl(), settings.tileAttribution(), settings.city(),
                settings.refresh().toSeconds(), serves(LIVE_STREAM));
    }

    /** Returns whether a controller method answers GET requests at the path. */
    private boolean serves(String path) {
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPatternValues().contains(path)
                    && (info.getMethodsCondition().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))) {
                return true;
            }
        }
        return false;
    }
}
