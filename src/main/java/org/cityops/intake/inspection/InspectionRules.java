package org.cityops.intake.inspection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;

/**
 * What an inspector report with photos must be: who may send one, readable location and text,
 * photos of an allowed format (by content) and size, within the file count, and before/after
 * photos for a case fixed on the spot. Plain Java.
 */
final class InspectionRules {

    /** Who sends inspector reports: grid inspectors, and admins for corrections. */
    static final Set<Role> REPORTERS = EnumSet.of(Role.GRID_INSPECTOR, Role.ADMIN);

    private final long maxPhotoBytes;
    private final int maxFiles;
    private final Set<ImageType> allowed;

    /**
     * @param maxPhotoBytes largest photo accepted
     * @param maxFiles      most files in one report, all purposes together
     * @param allowed       the image formats accepted
     */
    InspectionRules(long maxPhotoBytes, int maxFiles, Set<ImageType> allowed) {
        this.maxPhotoBytes = maxPhotoBytes;
        this.maxFiles = maxFiles;
        this.allowed = allowed.isEmpty() ? EnumSet.noneOf(ImageType.class) : EnumSet.copyOf(allowed);
    }

    /** The text fields of the multipart form, as sent. */
    record Form(String longitude, String latitude, String categoryCode, String description, String address,
                String selfFixed) {
    }

    /**
     * One uploaded file as received; its content is read only after its size has passed.
     *
     * @param size    the size the upload has
     * @param content reads the content
     */
    record Upload(PhotoPurpose purpose, int index, String originalName, String declaredType, long size,
                  Supplier<byte[]> content) {

        /** Returns an upload whose content is already in memory. */
        static Upload of(PhotoPurpose purpose, int index, String originalName, String declaredType, byte[] content) {
            return new Upload(purpose, index, originalName, declaredType, content.length, () -> content);
        }

        /** Returns the form field and position naming this file in errors, e.g. {@code photos[1]}. */
        String field() {
            return purpose.field() + "[" + index + "]";
        }
    }

    /** A photo whose format was read from its content. */
    record Photo(PhotoPurpose purpose, ImageType type, String originalName, byte[] content) {
    }

    /** A report that passed every check. */
    record Report(double longitude, double latitude, String categoryCode, String description, String address,
                  boolean selfFixed, List<Photo> photos) {
    }

    /** Refuses actors who do not send inspector reports. */
    static void requireReporter(Actor actor) {
        if (!REPORTERS.contains(actor.role())) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not send inspector reports; "
                    + REPORTERS + " do");
        }
    }

    /**
     * Returns the checked report, or refuses it: 413 naming the first photo over the size limit,
     * otherwise 400 naming every failing field and file.
     */
    Report check(Form form, List<Upload> uploads) {
        for (Upload upload : uploads) {
            if (upload.size() > maxPhotoBytes) {
                throw new ProblemException.PayloadTooLarge(upload.field() + " '" + upload.originalName() + "' is "
                        + upload.size() + " bytes, over the limit of " + maxPhotoBytes + " bytes per photo");
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Double longitude = number(errors, "longitude", form.longitude(), -180, 180);
        Double latitude = number(errors, "latitude", form.latitude(), -90, 90);
        if (blank(form.categoryCode())) {
            errors.add(new FieldError("categoryCode", "is required"));
        }
        if (blank(form.description())) {
            errors.add(new FieldError("description", "is required"));
        } else if (form.description().length() > 4000) {
            errors.add(new FieldError("description", "is longer than 4000 characters"));
        }
        if (form.address() != null && form.address().length() > 500) {
            errors.add(new FieldError("address", "is longer than 500 characters"));
        }
        Boolean selfFixed = flag(errors, form.selfFixed());
        if (uploads.size() > maxFiles) {
            errors.add(new FieldError("photos", "at most " + maxFiles + " files per report (photos, before and after "
                    + "together), got " + uploads.size()));
        }
        List<Photo> photos = new ArrayList<>();
        for (Upload upload : uploads) {
            byte[] content = upload.size() == 0 ? null : upload.content().get();
            if (content == null || content.length == 0) {
                errors.add(new FieldError(upload.field(), "is empty"));
                continue;
            }
            ImageType type = ImageType.detect(content).orElse(null);
            if (type == null || !allowed.contains(type)) {
                errors.add(new FieldError(upload.field(), "content of '" + upload.originalName() + "' is not a "
                        + names() + " image" + (type == null ? "" : " (it is " + type + ")")
                        + "; the file name and declared type (" + upload.declaredType() + ") do not count"));
                continue;
            }
            photos.add(new Photo(upload.purpose(), type, upload.originalName(), content));
        }
        boolean fixed = Boolean.TRUE.equals(selfFixed);
        long photoCount = uploads.stream().filter(u -> u.purpose() == PhotoPurpose.PHOTO).count();
        if (fixed) {
            for (PhotoPurpose needed : List.of(PhotoPurpose.BEFORE, PhotoPurpose.AFTER)) {
                if (uploads.stream().noneMatch(u -> u.purpose() == needed)) {
                    errors.add(new FieldError(needed.field(), "a case fixed on the spot (自行处置) needs a photo "
                            + (needed == PhotoPurpose.BEFORE ? "before" : "after") + " the fix"));
                }
            }
        } else {
            if (photoCount == 0) {
                errors.add(new FieldError("photos", "at least one photo of the problem is required"));
            }
            for (PhotoPurpose onlyWhenFixed : List.of(PhotoPurpose.BEFORE, PhotoPurpose.AFTER)) {
                if (uploads.stream().anyMatch(u -> u.purpose() == onlyWhenFixed)) {
                    errors.add(new FieldError(onlyWhenFixed.field(), "only a report fixed on the spot (selfFixed=true) "
                            + "has before/after photos"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid inspector report: " + errors.get(0).field() + " "
                    + errors.get(0).message(), errors);
        }
        return new Report(longitude, latitude, form.categoryCode().trim(), form.description().trim(),
                blank(form.address()) ? null : form.address().trim(), fixed, photos);
    }

    private String names() {
        return String.join(", ", allowed.stream().map(ImageType::name).toList());
    }

    private static Double number(List<FieldError> errors, String field, String text, double min, double max) {
        if (blank(text)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "is not a number: '" + text + "'"));
            return null;
        }
        if (!(value >= min && value <= max)) {
            errors.add(new FieldError(field, "must be between " + (int) min + " and " + (int) max + ", was " + text.trim()));
            return null;
        }
        return value;
    }

    private static Boolean flag(List<FieldError> errors, String text) {
        if (blank(text)) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(new FieldError("selfFixed", "must be true or false, was '" + text + "'"));
                yield null;
            }
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
