package org.cityops.org.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.geo.GridLocation;
import org.cityops.org.internal.ResponsibilityMatrix.NewEntry;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The responsibility matrix (责任矩阵) and an explanation of routing decisions for dispatchers. */
@RestController
@RequestMapping("/api/v1/matrix")
@Tag(name = "Responsibility matrix", description = "(category, region) → responsible department; routing explained")
class MatrixController {

    private final ResponsibilityMatrix matrix;
    private final CategoryCatalog catalog;

    MatrixController(ResponsibilityMatrix matrix, CategoryCatalog catalog) {
        this.matrix = matrix;
        this.catalog = catalog;
    }

    record MatrixImport(List<NewEntry> entries) {
    }

    record Imported(int imported) {
    }

    /** The outcome of a routing question: the department, or none (manual dispatch), and why. */
    record RouteExplanation(String subclass, CategoryKind kind, GridLocation location, Long ownerDepartmentId,
                            boolean routed, Long departmentId, String reason) {
    }

    @GetMapping
    @Operation(summary = "List matrix entries by category code, region code, department, basis and active state")
    List<MatrixEntry> list(Actor actor, @RequestParam(required = false) String category,
                           @RequestParam(required = false) String region,
                           @RequestParam(required = false) Long departmentId,
                           @RequestParam(required = false) Basis basis,
                           @RequestParam(required = false) Boolean active) {
        return matrix.list(category, region, departmentId, basis, active);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Return one matrix entry")
    MatrixEntry get(Actor actor, @PathVariable long id) {
        return matrix.require(id);
    }

    @PostMapping
    @Operation(summary = "Add one matrix entry (admin)")
    ResponseEntity<MatrixEntry> add(Actor actor, @RequestBody NewEntry body) {
        Access.requireAdmin(actor, "change the responsibility matrix");
        MatrixEntry e = matrix.add(body);
        return ResponseEntity.created(URI.create("/api/v1/matrix/" + e.id())).body(e);
    }

    @PostMapping("/import")
    @Operation(summary = "Import many entries at once (admin): all or nothing, every bad row named as entries[i].field")
    ResponseEntity<Imported> importAll(Actor actor, @RequestBody MatrixImport body) {
        Access.requireAdmin(actor, "change the responsibility matrix");
        return ResponseEntity.status(201).body(new Imported(matrix.importAll(body.entries())));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a matrix entry (admin); routing ignores it from now on")
    MatrixEntry deactivate(Actor actor, @PathVariable long id) {
        Access.requireAdmin(actor, "change the responsibility matrix");
        return matrix.deactivate(id);
    }

    @GetMapping("/route")
    @Operation(summary = "Explain where a case of this catalog subclass (its kind from the catalog) at this "
            + "location would be routed, and why")
    RouteExplanation route(Actor actor, @RequestParam String subclass,
                           @RequestParam(required = false) String grid,
                           @RequestParam(required = false) String community,
                           @RequestParam(required = false) String street,
                           @RequestParam(required = false) String district,
                           @RequestParam(required = false) String city,
                           @RequestParam(required = false) Long owner) {
        if (!Codes.isSubclass(subclass)) {
            throw ProblemException.BadRequest.field("subclass", "must be a subclass code like C0101 or E0101");
        }
        // A deactivated subclass still has open cases whose routing a dispatcher may want explained.
        CategoryKind k = catalog.subclass(subclass).map(Subclass::kind).orElseThrow(() ->
                ProblemException.BadRequest.field("subclass", "no subclass " + subclass + " in the category catalog"));
        GridLocation location = new GridLocation(grid, community, street, district, city);
        return matrix.route(subclass, k, location, owner)
                .map(d -> new RouteExplanation(subclass, k, location, owner, true, d.departmentId(), d.reason()))
                .orElseGet(() -> new RouteExplanation(subclass, k, location, owner, false, null,
                        "no owner department and no active matrix entry matches " + subclass + " ("
                                + Codes.mainClassOf(subclass) + ") along " + describe(location)
                                + "; the case goes to the dispatcher's manual queue"));
    }

    private static String describe(GridLocation l) {
        String[] names = {"grid", "community", "street", "district", "city"};
        String[] codes = {l.gridCode(), l.communityCode(), l.streetCode(), l.districtCode(), l.cityCode()};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (codes[i] != null && !codes[i].isBlank()) {
                parts.add(names[i] + " " + codes[i]);
            }
        }
        return parts.isEmpty() ? "an unknown location" : String.join(" → ", parts);
    }
}
