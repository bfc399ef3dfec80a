package org.cityops.screen.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the console needs to know at start: the map's tile layer, the city to open and the refresh rate. */
@RestController
@RequestMapping("/api/v1/screen")
@Tag(name = "Screen (一张图)", description = "Configuration of the web console")
class ScreenController {

    private final ScreenSettings settings;

    ScreenController(ScreenSettings settings) {
        this.settings = settings;
    }

    /**
     * The console's configuration; empty strings mean "not set". The live stream
     * ({@code GET /api/v1/stream}) is always served, so the console needs no flag for it.
     */
    record ScreenConfig(String tileUrl, String tileAttribution, String city, long refreshSeconds) {
    }

    @GetMapping("/config")
    @Operation(summary = "The console's map tile layer (empty: none), the city to open and the refresh interval")
    ScreenConfig config(Actor actor) {
        return new ScreenConfig(settings.tileUrl(), settings.tileAttribution(), settings.city(),
                settings.refresh().toSeconds());
    }
}
