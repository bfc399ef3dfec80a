package org.cityops.org.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.cityops.org.internal.PositionDirectory.PositionRecord;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Positions (岗位): readable by everyone signed in, changed by administrators. */
@RestController
@RequestMapping("/api/v1/positions")
@Tag(name = "Positions", description = "Positions (岗位): named posts with a role, optionally in a department")
class PositionController {

    private final PositionDirectory positions;

    PositionController(PositionDirectory positions) {
        this.positions = positions;
    }

    record NewPosition(String code, String name, Role role, Long departmentId) {
    }

    record PositionChange(@NotNull Long version, String name, Role role, Long departmentId, Boolean active) {
    }

    @GetMapping
    @Operation(summary = "List positions, optionally by active state and department")
    List<PositionRecord> list(Actor actor, @RequestParam(required = false) Boolean active,
                              @RequestParam(required = false) Long departmentId) {
        return positions.list(active, departmentId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Return one position")
    PositionRecord get(Actor actor, @PathVariable long id) {
        return positions.require(id);
    }

    @PostMapping
    @Operation(summary = "Create a position (admin)")
    ResponseEntity<PositionRecord> create(Actor actor, @RequestBody NewPosition body) {
        Access.requireAdmin(actor, "create positions");
        PositionRecord p = positions.create(body.code(), body.name(), body.role(), body.departmentId());
        return ResponseEntity.created(URI.create("/api/v1/positions/" + p.id())).body(p);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a position (admin; send the version you read)")
    PositionRecord update(Actor actor, @PathVariable long id, @Valid @RequestBody PositionChange body) {
        Access.requireAdmin(actor, "change positions");
        return positions.update(id, body.version(), body.name(), body.role(), body.departmentId(), body.active());
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a position (admin)")
    PositionRecord deactivate(Actor actor, @PathVariable long id) {
        Access.requireAdmin(actor, "deactivate positions");
        return positions.deactivate(id);
    }
}
