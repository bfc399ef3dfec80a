package org.cityops.sensing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.platform.Actor;
import org.cityops.sensing.DeviceLiveness;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How many of the caller's devices report as expected, for the console's "devices online" tile. */
@RestController
@Tag(name = "Sensors", description = "SensorThings Things tied to the city model, with their latest values")
class LivenessController {

    private final DeviceLiveness liveness;

    LivenessController(DeviceLiveness liveness) {
        this.liveness = liveness;
    }

    @GetMapping("/api/v1/sensors/liveness")
    @Operation(summary = "Devices in the caller's scope that declare an expected reporting interval: "
            + "how many, how many online, how many offline")
    DeviceLiveness.DeviceCount liveness(Actor actor) {
        return liveness.count(actor);
    }
}
