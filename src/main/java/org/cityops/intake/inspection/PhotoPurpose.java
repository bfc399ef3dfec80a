package org.cityops.intake.inspection;

/** Why a photo was taken; also the multipart field it arrives in. */
enum PhotoPurpose {
    /** The problem as found (form field {@code photos}). */
    PHOTO("photos"),
    /** Before an on-the-spot fix (处置前, form field {@code before}). */
    BEFORE("before"),
    /** After an on-the-spot fix (处置后, form field {@code after}). */
    AFTER("after");

    private final String field;

    PhotoPurpose(String field) {
        this.field = field;
    }

    /** Returns the multipart form field carrying photos of this purpose. */
    String field() {
        return field;
    }
}
