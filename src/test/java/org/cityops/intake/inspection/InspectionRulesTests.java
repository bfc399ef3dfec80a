package org.cityops.intake.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.cityops.intake.inspection.InspectionRules.Form;
import org.cityops.intake.inspection.InspectionRules.Upload;
import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class InspectionRulesTests {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    static final byte[] WEBP = {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
    static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0};
    static final byte[] TEXT = "not a photo at all".getBytes();

    final InspectionRules rules = new InspectionRules(100, 3, EnumSet.allOf(ImageType.class));
    final Form form = new Form("112.005", "22.005", "E0101", "井盖缺失", null, null);

    static Upload photo(int index, byte[] content) {
        return Upload.of(PhotoPurpose.PHOTO, index, "p" + index + ".jpg", "image/jpeg", content);
    }

    static String fields(Throwable e) {
        return String.join(",", ((ProblemException) e).errors().stream().map(ProblemException.FieldError::field).toList());
    }

    @Test
    void imageFormatsAreRecognisedByTheirFirstBytes() {
        assertThat(ImageType.detect(JPEG)).contains(ImageType.JPEG);
        assertThat(ImageType.detect(PNG)).contains(ImageType.PNG);
        assertThat(ImageType.detect(WEBP)).contains(ImageType.WEBP);
        assertThat(ImageType.detect(GIF)).isEmpty();
        assertThat(ImageType.detect(TEXT)).isEmpty();
        assertThat(ImageType.detect(new byte[] {(byte) 0xFF})).isEmpty();
    }

    @Test
    void aReportWithAPhotoPasses() {
        InspectionRules.Report r = rules.check(form, List.of(photo(0, JPEG), photo(1, PNG)));
        assertThat(r.longitude()).isEqualTo(112.005);
        assertThat(r.selfFixed()).isFalse();
        assertThat(r.photos()).extracting(InspectionRules.Photo::type).containsExactly(ImageType.JPEG, ImageType.PNG);
    }

    @Test
    void aTextFileNamedJpgIsRefusedByItsContent() {
        assertThatThrownBy(() -> rules.check(form, List.of(photo(0, JPEG), photo(1, TEXT))))
                .isInstanceOf(ProblemException.BadRequest.class)
                .hasMessageContaining("photos[1]")
                .satisfies(e -> assertThat(fields(e)).isEqualTo("photos[1]"));
    }

    @Test
    void aFormatLeftOutOfTheAllowedOnesIsRefused() {
        InspectionRules jpegOnly = new InspectionRules(100, 3, EnumSet.of(ImageType.JPEG));
        assertThatThrownBy(() -> jpegOnly.check(form, List.of(photo(0, PNG))))
                .hasMessageContaining("it is PNG");
    }

    @Test
    void aPhotoOverTheSizeLimitIsTooLarge() {
        byte[] big = new byte[101];
        System.arraycopy(JPEG, 0, big, 0, JPEG.length);
        assertThatThrownBy(() -> rules.check(form, List.of(photo(0, JPEG), photo(1, big))))
                .isInstanceOf(ProblemException.PayloadTooLarge.class)
                .hasMessageContaining("photos[1]");
    }

    @Test
    void anOversizedPhotoIsRefusedWithoutReadingIt() {
        Upload unread = new Upload(PhotoPurpose.PHOTO, 0, "big.jpg", "image/jpeg", 101, () -> {
            throw new AssertionError("the content of an oversized photo must not be read");
        });
        assertThatThrownBy(() -> rules.check(form, List.of(unread)))
                .isInstanceOf(ProblemException.PayloadTooLarge.class);
    }

    @Test
    void tooManyFilesAreRefused() {
        List<Upload> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(photo(i, JPEG));
        }
        assertThatThrownBy(() -> rules.check(form, four)).satisfies(e -> assertThat(fields(e)).isEqualTo("photos"));
    }

    @Test
    void missingAndOutOfRangeFieldsAreAllNamed() {
        assertThatThrownBy(() -> rules.check(new Form("200", "abc", " ", null, null, "maybe"), List.of(photo(0, JPEG))))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("longitude,latitude,categoryCode,description,selfFixed"));
        assertThatThrownBy(() -> rules.check(new Form(null, "-91", "E0101", "x", null, null), List.of(photo(0, JPEG))))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("longitude,latitude"));
    }

    @Test
    void aReportWithoutPhotosIsRefused() {
        assertThatThrownBy(() -> rules.check(form, List.of())).satisfies(e -> assertThat(fields(e)).isEqualTo("photos"));
    }

    @Test
    void aSelfFixedReportNeedsBeforeAndAfterPhotos() {
        Form fixed = new Form("112.005", "22.005", "E0101", "井盖已复位", null, "true");
        assertThatThrownBy(() -> rules.check(fixed, List.of(photo(0, JPEG))))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("before,after"));
        InspectionRules.Report r = rules.check(fixed, List.of(
                Upload.of(PhotoPurpose.BEFORE, 0, "b.jpg", "image/jpeg", JPEG),
                Upload.of(PhotoPurpose.AFTER, 0, "a.webp", "image/webp", WEBP)));
        assertThat(r.selfFixed()).isTrue();
        assertThat(r.photos()).extracting(InspectionRules.Photo::purpose)
                .containsExactly(PhotoPurpose.BEFORE, PhotoPurpose.AFTER);
    }

    @Test
    void beforeAndAfterPhotosBelongOnlyToSelfFixedReports() {
        assertThatThrownBy(() -> rules.check(form, List.of(photo(0, JPEG),
                Upload.of(PhotoPurpose.AFTER, 0, "a.jpg", "image/jpeg", JPEG))))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("after"));
    }
}
