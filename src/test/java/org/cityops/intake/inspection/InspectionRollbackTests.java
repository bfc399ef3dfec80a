package org.cityops.intake.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A failure after the first photo was already stored (here: recording the second one) rolls the
 * case back and removes the stored file, so the report leaves nothing behind.
 */
@IntegrationTest
class InspectionRollbackTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired JdbcClient jdbc;
    @Autowired AttachmentStore store;
    @MockitoSpyBean AttachmentRepository attachments;

    long storedFiles() throws IOException {
        if (!Files.exists(store.root())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(store.root())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFailureAfterAPhotoWasStoredRemovesItAndTheCase() throws Exception {
        Actor admin = new Actor("admin", Role.ADMIN, null, null);
        assertThat(Api.on(port, issuer).as(admin).importGeoJson("src/test/resources/intake/hotline-city.geojson")
                .status()).isEqualTo(200);
        AtomicInteger inserts = new AtomicInteger();
        doAnswer(call -> {
            if (inserts.incrementAndGet() == 2) {
                throw new IllegalStateException("the attachment table refused the second photo");
            }
            return call.callRealMethod();
        }).when(attachments).insert(any());

        String description = "回滚测试 " + UUID.randomUUID();
        long filesBefore = storedFiles();
        Multipart.Response r = InspectionApiTests.form(description)
                .file("photos", "one.jpg", "image/jpeg", InspectionApiTests.jpeg(3000))
                .file("photos", "two.jpg", "image/jpeg", InspectionApiTests.jpeg(4000))
                .post(port, "/api/v1/inspections/reports",
                        issuer.issue(new Actor("inspector-93r", Role.GRID_INSPECTOR, "930101001", null), "r").token());

        assertThat(r.status()).as(r.body()).isEqualTo(500);
        assertThat(inserts.get()).as("the first photo was stored and recorded before the failure").isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE description = ?").param(description).query(Long.class)
                .single()).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }
}
