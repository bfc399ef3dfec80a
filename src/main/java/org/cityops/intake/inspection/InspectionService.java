package org.cityops.intake.inspection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseOutcomes;
import org.cityops.cases.NewReport;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.intake.inspection.AttachmentRepository.Attachment;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an inspector's report with photos into a case: checks everything before anything is
 * written, then in one transaction reports the case, stores the photos and records them; a
 * failure removes the files already written, so a refused report leaves neither case nor file.
 */
@Service
class InspectionService {

    /** The sourceType of cases reported by inspectors. */
    static final String SOURCE_TYPE = "INSPECTOR";
    /** Prefix of the references a case keeps to its attachments. */
    static final String REFERENCE_PREFIX = "attachment:";

    private static final Logger log = LoggerFactory.getLogger(InspectionService.class);

    private final InspectionRules rules;
    private final CategoryCatalog catalog;
    private final CaseIntake intake;
    private final CaseOutcomes outcomes;
    private final AttachmentStore store;
    private final AttachmentRepository attachments;
    private final TransactionTemplate tx;
    private final Clock clock;

    InspectionService(InspectionSettings settings, CategoryCatalog catalog, CaseIntake intake, CaseOutcomes outcomes,
                      AttachmentStore store, AttachmentRepository attachments, TransactionTemplate tx, Clock clock) {
        this.rules = new InspectionRules(settings.maxPhotoSize().toBytes(), settings.maxFiles(), settings.allowedTypes());
        this.catalog = catalog;
        this.intake = intake;
        this.outcomes = outcomes;
        this.store = store;
        this.attachments = attachments;
        this.tx = tx;
        this.clock = clock;
    }

    /** The new case and its stored photos. */
    record Reported(long caseId, String caseNo, String state, List<Attachment> attachments) {
    }

    /** Reports the problem with its photos as the inspector; returns the case and the stored attachments. */
    Reported report(InspectionRules.Form form, List<InspectionRules.Upload> uploads, Actor inspector) {
        InspectionRules.requireReporter(inspector);
        InspectionRules.Report report = rules.check(form, uploads);
        if (catalog.activeSubclass(report.categoryCode()).isEmpty()) {
            throw ProblemException.BadRequest.field("categoryCode", "unknown category '" + report.categoryCode() + "'");
        }
        List<UUID> ids = report.photos().stream().map(p -> UUID.randomUUID()).toList();
        List<String> written = new ArrayList<>();
        try {
            return tx.execute(status -> {
                CaseIntake.ReportedCase created = intake.report(new NewReport(SOURCE_TYPE, null, null, null,
                        report.longitude(), report.latitude(), report.address(), report.categoryCode(), null,
                        report.description(), ids.stream().map(id -> REFERENCE_PREFIX + id).toList(),
                        report.selfFixed()), inspector);
                Instant now = clock.instant();
                List<Attachment> stored = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    InspectionRules.Photo photo = report.photos().get(i);
                    String path = store.write(ids.get(i), photo.type(), photo.content(), now);
                    written.add(path);
                    Attachment a = new Attachment(ids.get(i), created.id(), photo.purpose(), photo.type().contentType(),
                            photo.content().length, sha256(photo.content()), shortName(photo.originalName()), path,
                            inspector.username(), now);
                    attachments.insert(a);
                    stored.add(a);
                }
                log.info("inspector {} reported case {} ({}) with {} photo(s)", inspector.username(), created.caseNo(),
                        created.state(), stored.size());
                return new Reported(created.id(), created.caseNo(), created.state().name(), stored);
            });
        } catch (RuntimeException e) {
            written.forEach(store::discard);
            throw e;
        }
    }

    /** The attachment and where its file is, for a caller who may see its case. */
    record Readable(Attachment attachment, Path file) {
    }

    /** Returns the attachment if the actor may see its case; otherwise it does not exist for them. */
    Readable read(UUID id, Actor actor) {
        Attachment a = attachments.find(id).filter(x -> outcomes.visibleTo(x.caseId(), actor))
                .orElseThrow(() -> new ProblemException.NotFound("no attachment " + id));
        Path file = store.resolve(a.storedPath());
        if (!Files.isReadable(file)) {
            log.error("attachment {} of case {} is recorded but its file {} is missing", id, a.caseId(), file);
            throw new ProblemException.NotFound("the file of attachment " + id + " is missing from the store");
        }
        return new Readable(a, file);
    }

    private static String shortName(String name) {
        if (name == null) {
            return null;
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
