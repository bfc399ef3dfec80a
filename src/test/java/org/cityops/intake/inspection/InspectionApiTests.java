package org.cityops.intake.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Inspector reports with photos over HTTP in the 93xxxx test city: photos checked by content and
 * size, stored on disk, downloadable by those who see the case; fixed-on-the-spot reports close at
 * once; every refused upload leaves neither a file nor a case behind.
 */
@IntegrationTest
class InspectionApiTests {

    static final double[] IN_A = {112.005, 22.005};
    static final byte[] JPEG_HEAD = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired JdbcClient jdbc;
    @Autowired AttachmentStore store;

    static boolean cityImported;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor inspector = new Actor("inspector-93a", Role.GRID_INSPECTOR, "930101001", null);
    final Actor otherDistrict = new Actor("district-93b", Role.DISTRICT_DISPATCHER, "930102", null);
    final Actor sameDistrict = new Actor("district-93a", Role.DISTRICT_DISPATCHER, "930101", null);

    String token(Actor actor) {
        return issuer.issue(actor, actor.username()).token();
    }

    @BeforeEach
    void hotlineCity() throws IOException {
        if (cityImported) {
            return;
        }
        Api.Response imported = Api.on(port, issuer).as(admin)
                .importGeoJson("src/test/resources/intake/hotline-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        cityImported = true;
    }

    static byte[] image(byte[] head, int size, int seed) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + seed);
        }
        System.arraycopy(head, 0, content, 0, head.length);
        return content;
    }

    static byte[] jpeg(int size) {
        return image(JPEG_HEAD, size, 7);
    }

    /** A report form for a unique description, so the test can tell whether a case was made of it. */
    static Multipart form(String description) {
        return new Multipart().field("longitude", IN_A[0]).field("latitude", IN_A[1]).field("categoryCode", "E0101")
                .field("description", description);
    }

    long casesDescribed(String description) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE description = ?").param(description).query(Long.class).single();
    }

    long storedFiles() {
        if (!Files.exists(store.root())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(store.root())) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }

    /** Asserts the refusal's status and named fields, and that it left no case and no file. */
    void assertRefusedAndNothingWritten(Multipart request, String description, int status, String... fields) {
        long filesBefore = storedFiles();
        Multipart.Response r = request.post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).contains("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (fields.length > 0) {
            List<String> named = new ArrayList<>();
            problem.get("errors").forEach(e -> named.add(e.get("field").asString()));
            assertThat(named).contains(fields);
        }
        assertThat(casesDescribed(description)).as("no case").isZero();
        assertThat(storedFiles()).as("no file").isEqualTo(filesBefore);
    }

    @Test
    void aReportWithPhotosBecomesACaseWhosePhotosTheCasesViewersCanDownload() throws IOException {
        String description = unique("人行道井盖缺失");
        byte[] first = jpeg(2_000_000);
        byte[] second = image(PNG_HEAD, 3000, 3);
        Multipart.Response r = form(description).field("address", "幸福路12号")
                .file("photos", "IMG_0001.JPG", "image/jpeg", first)
                .file("photos", "screenshot", "application/octet-stream", second)
                .post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode report = r.json();
        long caseId = report.get("caseId").asLong();
        assertThat(report.get("state").asString()).isEqualTo("REPORTED");
        JsonNode attachments = report.get("attachments");
        assertThat(attachments).hasSize(2);
        assertThat(attachments.get(0).get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(attachments.get(1).get("contentType").asString()).as("by content, not by name or declared type")
                .isEqualTo("image/png");
        assertThat(attachments.get(0).get("sizeBytes").asLong()).isEqualTo(first.length);

        Api api = Api.on(port, issuer).as(inspector);
        JsonNode theCase = api.get("/api/v1/cases/" + caseId).json();
        assertThat(theCase.get("sourceType").asString()).isEqualTo("INSPECTOR");
        List<String> references = new ArrayList<>();
        api.get("/api/v1/cases/" + caseId + "/history").json()
                .forEach(h -> h.get("attachments").forEach(a -> references.add(a.asString())));
        assertThat(references).containsExactly(attachments.get(0).get("reference").asString(),
                attachments.get(1).get("reference").asString());
        assertThat(references.get(0)).startsWith("attachment:");

        String id = attachments.get(0).get("id").asString();
        try (Stream<Path> files = Files.walk(store.root())) {
            List<Path> stored = files.filter(p -> p.getFileName().toString().equals(id + ".jpg")).toList();
            assertThat(stored).hasSize(1);
            assertThat(store.root().relativize(stored.get(0)).toString().replace('\\', '/'))
                    .matches("\\d{4}/\\d{2}/\\d{2}/" + id + "\\.jpg");
        }

        String url = attachments.get(0).get("url").asString();
        Multipart.Response download = Multipart.get(port, url, token(sameDistrict));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(download.bytes()).isEqualTo(first);
        Multipart.Response png = Multipart.get(port, attachments.get(1).get("url").asString(), token(inspector));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.bytes()).isEqualTo(second);

        assertThat(Multipart.get(port, url, token(otherDistrict)).status()).as("outside their scope").isEqualTo(404);
        assertThat(Multipart.get(port, url, token(new Actor("h", Role.DEPARTMENT_HANDLER, null, 999_999L))).status())
                .as("not their department's case").isEqualTo(404);
        assertThat(Multipart.get(port, "/api/v1/attachments/" + UUID.randomUUID(), token(admin)).status()).isEqualTo(404);
        assertThat(Multipart.get(port, "/api/v1/attachments/not-a-uuid", token(admin)).status()).isEqualTo(400);
    }

    @Test
    void aReportFixedOnTheSpotClosesAtOnceWithItsBeforeAndAfterPhotos() {
        String description = unique("共享单车乱停放已整理");
        Multipart.Response r = form(description).field("selfFixed", "true")
                .file("before", "before.jpg", "image/jpeg", jpeg(5000))
                .file("after", "after.jpg", "image/jpeg", jpeg(6000))
                .post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(r.json().get("attachments")).extracting(a -> a.get("purpose").asString())
                .containsExactly("BEFORE", "AFTER");
        JsonNode theCase = Api.on(port, issuer).as(inspector).get("/api/v1/cases/" + r.json().get("caseId").asLong()).json();
        assertThat(theCase.get("selfFixed").asBoolean()).isTrue();
        assertThat(theCase.get("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void aSelfFixedReportWithoutBeforeAndAfterPhotosIsRefused() {
        String description = unique("自行处置缺照片");
        assertRefusedAndNothingWritten(form(description).field("selfFixed", "true")
                .file("photos", "p.jpg", "image/jpeg", jpeg(4000)), description, 400, "before", "after");
        assertRefusedAndNothingWritten(form(description).field("selfFixed", "true")
                .file("before", "b.jpg", "image/jpeg", jpeg(4000)), description, 400, "after");
    }

    @Test
    void aTextFileDisguisedAsAJpegIsRefusedWithTheReason() {
        String description = unique("伪装的照片");
        Multipart request = form(description)
                .file("photos", "ok.jpg", "image/jpeg", jpeg(4000))
                .file("photos", "evil.jpg", "image/jpeg", "<script>alert(1)</script>".getBytes());
        long filesBefore = storedFiles();
        Multipart.Response r = request.post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("photos[1]");
        assertThat(error.get("message").asString()).contains("evil.jpg").contains("is not a JPEG, PNG, WEBP image");
        assertThat(casesDescribed(description)).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void aPhotoOverFiveMegabytesIsTooLargeAndLeavesNothing() {
        String description = unique("超大照片");
        long filesBefore = storedFiles();
        Multipart.Response r = form(description)
                .file("photos", "huge.jpg", "image/jpeg", jpeg(5 * 1024 * 1024 + 1))
                .post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("photos[0]").contains("huge.jpg");
        assertThat(casesDescribed(description)).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void anUploadOverTheWholeUploadLimitIsTooLarge() {
        Multipart request = form(unique("超过上传总限制"));
        for (int i = 0; i < 11; i++) {
            request.file("photos", "p" + i + ".jpg", "image/jpeg", jpeg(5 * 1024 * 1024));
        }
        Multipart.Response r = request.post(port, "/api/v1/inspections/reports", token(inspector));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
    }

    @Test
    void moreThanNineFilesAreRefused() {
        String description = unique("照片太多");
        Multipart request = form(description);
        for (int i = 0; i < 10; i++) {
            request.file("photos", "p" + i + ".jpg", "image/jpeg", jpeg(1000 + i));
        }
        assertRefusedAndNothingWritten(request, description, 400, "photos");
    }

    @Test
    void missingFieldsAndALocationOutOfRangeAreNamed() {
        String description = unique("缺字段");
        assertRefusedAndNothingWritten(new Multipart().field("description", description)
                .file("photos", "p.jpg", "image/jpeg", jpeg(2000)), description, 400, "longitude", "latitude",
                "categoryCode");
        assertRefusedAndNothingWritten(new Multipart().field("longitude", "181").field("latitude", "-90.5")
                .field("categoryCode", "E0101").field("description", description)
                .file("photos", "p.jpg", "image/jpeg", jpeg(2000)), description, 400, "longitude", "latitude");
        assertRefusedAndNothingWritten(form(description), description, 400, "photos");
        assertRefusedAndNothingWritten(new Multipart().field("longitude", IN_A[0]).field("latitude", IN_A[1])
                .field("categoryCode", "E0101").file("photos", "p.jpg", "image/jpeg", jpeg(2000)), description, 400,
                "description");
        assertRefusedAndNothingWritten(form(description).field("weather", "sunny")
                .file("photos", "p.jpg", "image/jpeg", jpeg(2000)), description, 400, "weather");
    }

    @Test
    void anUnknownCategoryIsRefusedAndLeavesNothing() {
        String description = unique("未知类别");
        assertRefusedAndNothingWritten(new Multipart().field("longitude", IN_A[0]).field("latitude", IN_A[1])
                .field("categoryCode", "Z9999").field("description", description)
                .file("photos", "p.jpg", "image/jpeg", jpeg(2000)), description, 400, "categoryCode");
    }

    @Test
    void onlyInspectorsAndAdminsSendReports() {
        String description = unique("无权上报");
        Multipart.Response r = form(description).file("photos", "p.jpg", "image/jpeg", jpeg(2000))
                .post(port, "/api/v1/inspections/reports", token(sameDistrict));
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(casesDescribed(description)).isZero();
    }

    @Test
    void aLargeMultipartBodyElsewhereKeepsTheOneMegabyteLimit() {
        Multipart.Response r = form(unique("别处的大表单")).file("photos", "p.jpg", "image/jpeg", jpeg(1_100_000))
                .post(port, "/api/v1/cases", token(admin));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
    }

    @Test
    void jsonBodiesKeepTheirOneMegabyteLimit() {
        Api.Response r = Api.on(port, issuer).as(admin).post("/api/v1/cases", Map.of("sourceType", "API",
                "longitude", IN_A[0], "latitude", IN_A[1], "description", "x".repeat(1_100_000)));
        assertThat(r.status()).isEqualTo(413);
    }
}
