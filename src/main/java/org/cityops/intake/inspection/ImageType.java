package org.cityops.intake.inspection;

import java.util.Optional;

/** The image formats a photo may have, recognised by their leading bytes (magic numbers), never by name. */
enum ImageType {
    /** JPEG: FF D8 FF. */
    JPEG("image/jpeg", "jpg"),
    /** PNG: 89 'P' 'N' 'G' CR LF SUB LF. */
    PNG("image/png", "png"),
    /** WebP: "RIFF", four size bytes, "WEBP". */
    WEBP("image/webp", "webp");

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** Returns the MIME type files of this format are served with. */
    String contentType() {
        return contentType;
    }

    /** Returns the file name extension stored files of this format get. */
    String extension() {
        return extension;
    }

    /** Returns the format the content starts like, or empty when it is none of them. */
    static Optional<ImageType> detect(byte[] content) {
        if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, int offset, int... magic) {
        if (content == null || content.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
