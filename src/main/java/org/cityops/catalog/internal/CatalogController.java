package org.cityops.catalog.internal;

import org.cityops.platform.ImportDocuments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The category catalog API: the tree of kinds, main classes and subclasses, and imports. */
@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "Categories", description = "部件/事件 category catalog (GB/T 30428.2) with register/close conditions and time limits")
class CatalogController {

    private final InMemoryCategoryCatalog catalog;
    private final CatalogImports imports;

    CatalogController(InMemoryCategoryCatalog catalog, CatalogImports imports) {
        this.catalog = catalog;
        this.imports = imports;
    }

    /** The catalog tree: kinds → main classes → subclasses. */
    record TreeView(List<KindView> kinds) {
    }

    /** One kind with its main classes. */
    record KindView(CategoryKind kind, String name, List<MainClassView> mainClasses) {
    }

    /** One main class with its subclasses. */
    record MainClassView(String code, CategoryKind kind, String name, boolean active, List<SubclassView> subclasses) {
    }

    /** One subclass with its conditions and handling limits per urgency. */
    record SubclassView(String code, String name, CategoryKind kind, String mainClass, String mainClassName,
                        String registerCondition, String closeCondition, Map<Urgency, TimeLimit> limits, boolean active) {

        static SubclassView of(CatalogEntry entry) {
            Subclass s = entry.subclass();
            Map<Urgency, TimeLimit> limits = new LinkedHashMap<>();
            for (Urgency urgency : Urgency.values()) {
                TimeLimit limit = s.handlingLimits().get(urgency);
                if (limit != null) {
                    limits.put(urgency, limit);
                }
            }
            return new SubclassView(s.code(), s.name(), s.kind(), s.mainClassCode(), s.mainClassName(),
                    s.registerCondition(), s.closeCondition(), limits, entry.active());
        }
    }

    @GetMapping
    @Operation(summary = "Returns the catalog as a tree of kinds, main classes and subclasses, optionally of one kind")
    TreeView tree(@RequestParam(required = false) CategoryKind kind, Actor actor) {
        InMemoryCategoryCatalog.Snapshot snapshot = catalog.snapshot();
        List<CategoryKind> kinds = kind == null ? Arrays.asList(CategoryKind.values()) : List.of(kind);
        List<KindView> views = new ArrayList<>();
        for (CategoryKind k : kinds) {
            List<MainClassView> mains = snapshot.mainClasses().values().stream()
                    .filter(m -> m.kind() == k)
                    .map(m -> mainClassView(m, snapshot))
                    .toList();
            views.add(new KindView(k, k.chineseName(), mains));
        }
        return new TreeView(views);
    }

    @GetMapping("/{code}")
    @Operation(summary = "Returns a subclass (e.g. C0101) or a main class with its subclasses (e.g. E01)")
    Object one(@PathVariable String code, Actor actor) {
        InMemoryCategoryCatalog.Snapshot snapshot = catalog.snapshot();
        CatalogEntry entry = snapshot.entries().get(code);
        if (entry != null) {
            return SubclassView.of(entry);
        }
        MainClass main = snapshot.mainClasses().get(code);
        if (main != null) {
            return mainClassView(main, snapshot);
        }
        throw new ProblemException.NotFound("No category with code " + code);
    }

    @PostMapping(path = "/import", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Imports a catalog (admin; JSON or YAML shaped like the default catalog): new codes are created, "
            + "existing ones updated, absent ones kept; nothing is written when any entry is invalid")
    CatalogImports.ImportResult importCatalog(@RequestBody String body,
                                              @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("Only an administrator imports the category catalog");
        }
        return imports.importCatalog(ImportDocuments.read(body, contentType, CatalogDocument.class));
    }

    private static MainClassView mainClassView(MainClass main, InMemoryCategoryCatalog.Snapshot snapshot) {
        List<SubclassView> subclasses = snapshot.entries().values().stream()
                .filter(e -> e.subclass().mainClassCode().equals(main.code()))
                .map(SubclassView::of)
                .toList();
        return new MainClassView(main.code(), main.kind(), main.name(), main.active(), subclasses);
    }
}
