package org.cityops.intake.inspection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps attachment files on disk under {@code yyyy/MM/dd/<id>.<ext>} (Beijing date). Each file is
 * written to a temporary name in its folder and then moved into place, so a reader never sees a
 * half-written photo.
 */
@Component
class AttachmentStore {

    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneId.of("Asia/Shanghai"));

    private final Path root;

    AttachmentStore(InspectionSettings settings, @Value("${cityops.data-dir:./data}") String dataDir) {
        this.root = (settings.attachmentsDir() == null || settings.attachmentsDir().isBlank()
                ? Path.of(dataDir, "attachments") : Path.of(settings.attachmentsDir())).toAbsolutePath().normalize();
    }

    /** Returns the folder all attachments live under. */
    Path root() {
        return root;
    }

    /** Writes the content atomically and returns its path relative to the root (with forward slashes). */
    String write(UUID id, ImageType type, byte[] content, Instant at) {
        String relative = FOLDER.format(at) + "/" + id + "." + type.extension();
        Path target = resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + id, ".part");
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment " + id, e);
        }
        return relative;
    }

    /** Removes a file written for an upload that was then refused; a failure is logged, not thrown. */
    void discard(String relative) {
        try {
            Files.deleteIfExists(resolve(relative));
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove attachment file {} of a refused upload: {}", relative, e.toString());
        }
    }

    /** Returns the file's absolute path, refusing any path that would leave the root. */
    Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("attachment path outside the store: " + relative);
        }
        return path;
    }
}
