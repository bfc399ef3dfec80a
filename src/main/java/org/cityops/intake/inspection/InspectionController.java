package org.cityops.intake.inspection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Inspector reports with photos, and the stored attachments. */
@RestController
@Tag(name = "Inspections (巡查上报)", description = "Inspector reports with photos; fixed-on-the-spot reports; attachments")
class InspectionController {

    private static final Set<String> FIELDS = Set.of("longitude", "latitude", "categoryCode", "description", "address",
            "selfFixed");

    private final InspectionService inspections;

    InspectionController(InspectionService inspections) {
        this.inspections = inspections;
    }

    /** One stored photo as the API shows it. */
    record AttachmentView(UUID id, String reference, PhotoPurpose purpose, String contentType, long sizeBytes,
                          String sha256, String originalName, Instant uploadedAt, String url) {

        static AttachmentView of(AttachmentRepository.Attachment a) {
            return new AttachmentView(a.id(), InspectionService.REFERENCE_PREFIX + a.id(), a.purpose(), a.contentType(),
                    a.sizeBytes(), a.sha256(), a.originalName(), a.uploadedAt(), "/api/v1/attachments/" + a.id());
        }
    }

    /** The case the report became and its photos. */
    record ReportView(long caseId, String caseNo, String state, List<AttachmentView> attachments) {
    }

    /** Describes the report's multipart form in the OpenAPI document; the controller reads the parts itself. */
    record ReportForm(
            @Schema(description = "WGS 84 longitude, -180..180", requiredMode = Schema.RequiredMode.REQUIRED) String longitude,
            @Schema(description = "WGS 84 latitude, -90..90", requiredMode = Schema.RequiredMode.REQUIRED) String latitude,
            @Schema(description = "catalog subclass code", requiredMode = Schema.RequiredMode.REQUIRED) String categoryCode,
            @Schema(description = "what is wrong, at most 4000 characters", requiredMode = Schema.RequiredMode.REQUIRED)
            String description,
            @Schema(description = "readable address, optional") String address,
            @Schema(description = "true when fixed on the spot (自行处置): needs before and after photos") Boolean selfFixed,
            @ArraySchema(schema = @Schema(type = "string", format = "binary"),
                    arraySchema = @Schema(description = "photos of the problem: JPEG, PNG or WebP by content")) List<String> photos,
            @ArraySchema(schema = @Schema(type = "string", format = "binary"),
                    arraySchema = @Schema(description = "self-fixed: photos before the fix")) List<String> before,
            @ArraySchema(schema = @Schema(type = "string", format = "binary"),
                    arraySchema = @Schema(description = "self-fixed: photos after the fix")) List<String> after) {
    }

    @PostMapping(path = "/api/v1/inspections/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ReportForm.class)))
    @Operation(summary = "Report a problem with photos (multipart: longitude, latitude, categoryCode, description, "
            + "address, selfFixed; files photos, before, after); a self-fixed report closes at once")
    ResponseEntity<ReportView> report(MultipartHttpServletRequest request, Actor actor) {
        List<ProblemException.FieldError> unknown = new ArrayList<>();
        request.getParameterMap().keySet().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> unknown.add(new ProblemException.FieldError(name, "is not a known form field")));
        List<InspectionRules.Upload> uploads = new ArrayList<>();
        for (String name : request.getMultiFileMap().keySet().stream().sorted().toList()) {
            PhotoPurpose purpose = purpose(name);
            if (purpose == null) {
                unknown.add(new ProblemException.FieldError(name, "is not a known file field (photos, before, after)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException.BadRequest("Unknown form field '" + unknown.get(0).field() + "'", unknown);
        }
        for (PhotoPurpose purpose : PhotoPurpose.values()) {
            List<MultipartFile> files = request.getFiles(purpose.field());
            for (int i = 0; i < files.size(); i++) {
                MultipartFile file = files.get(i);
                uploads.add(new InspectionRules.Upload(purpose, i, file.getOriginalFilename(), file.getContentType(),
                        file.getSize(), () -> bytes(file)));
            }
        }
        InspectionRules.Form form = new InspectionRules.Form(request.getParameter("longitude"),
                request.getParameter("latitude"), request.getParameter("categoryCode"), request.getParameter("description"),
                request.getParameter("address"), request.getParameter("selfFixed"));
        InspectionService.Reported reported = inspections.report(form, uploads, actor);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + reported.caseId()))
                .body(new ReportView(reported.caseId(), reported.caseNo(), reported.state(),
                        reported.attachments().stream().map(AttachmentView::of).toList()));
    }

    @GetMapping("/api/v1/attachments/{id}")
    @Operation(summary = "Download a stored attachment; only callers who may see its case")
    ResponseEntity<Resource> attachment(@PathVariable UUID id, Actor actor) {
        InspectionService.Readable readable = inspections.read(id, actor);
        AttachmentRepository.Attachment a = readable.attachment();
        String name = readable.file().getFileName().toString();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(a.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .body(new FileSystemResource(readable.file()));
    }

    private static PhotoPurpose purpose(String field) {
        for (PhotoPurpose p : PhotoPurpose.values()) {
            if (p.field().equals(field)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uploaded file " + file.getOriginalFilename(), e);
        }
    }
}
