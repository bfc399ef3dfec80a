package org.cityops.org.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.cityops.org.Department;
import org.cityops.org.internal.DepartmentDirectory.DepartmentRecord;
import org.cityops.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Departments (专业部门 / 责任单位): readable by everyone signed in, changed by administrators. */
@RestController
@RequestMapping("/api/v1/departments")
@Tag(name = "Departments", description = "Responsible departments (专业部门) with level and region")
class DepartmentController {

    private final DepartmentDirectory departments;

    DepartmentController(DepartmentDirectory departments) {
        this.departments = departments;
    }

    record NewDepartment(String code, String name, Department.Level level, String regionCode, String contact) {
    }

    record DepartmentChange(@NotNull Long version, String name, Department.Level level, String regionCode,
                            String contact, Boolean active) {
    }

    @GetMapping
    @Operation(summary = "List departments, optionally by active state, level and region (code prefix)")
    List<DepartmentRecord> list(Actor actor, @RequestParam(required = false) Boolean active,
                                @RequestParam(required = false) Department.Level level,
                                @RequestParam(required = false) String region) {
        return departments.list(active, level, region);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Return one department")
    DepartmentRecord get(Actor actor, @PathVariable long id) {
        return departments.require(id);
    }

    @PostMapping
    @Operation(summary = "Create a department (admin)")
    ResponseEntity<DepartmentRecord> create(Actor actor, @RequestBody NewDepartment body) {
        Access.requireAdmin(actor, "create departments");
        DepartmentRecord d = departments.create(body.code(), body.name(), body.level(), body.regionCode(), body.contact());
        return ResponseEntity.created(URI.create("/api/v1/departments/" + d.id())).body(d);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a department's name, level, region, contact or active state (admin; send the version you read)")
    DepartmentRecord update(Actor actor, @PathVariable long id, @Valid @RequestBody DepartmentChange body) {
        Access.requireAdmin(actor, "change departments");
        return departments.update(id, body.version(), body.name(), body.level(), body.regionCode(), body.contact(),
                body.active());
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a department (admin); it is kept, and routing stops sending work to it")
    DepartmentRecord deactivate(Actor actor, @PathVariable long id) {
        Access.requireAdmin(actor, "deactivate departments");
        return departments.deactivate(id);
    }
}
