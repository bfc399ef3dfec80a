package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class BatchDocumentTest {

    static final String TYPE = "multipart/mixed; boundary=\"b_1\"";

    @Test
    void requestsAndChangeSetsAreReadWithTheirHeadersBodiesAndContentIds() {
        String body = "--b_1\r\nContent-Type: application/http\r\n\r\nGET Things(1)?$select=name HTTP/1.1\r\n\r\n"
                + "--b_1\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n"
                + "--cs\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nPOST Things HTTP/1.1\r\n"
                + "Content-Type: application/json\r\n\r\n{\"name\": \"a\"}\r\n--cs--\r\n--b_1--\r\n";
        List<BatchDocument.Part> parts = BatchDocument.parse(TYPE, body);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).changeSet()).isFalse();
        assertThat(parts.get(0).requests().get(0).url()).isEqualTo("Things(1)?$select=name");
        assertThat(parts.get(0).requests().get(0).body()).isNull();
        BatchDocument.Request post = parts.get(1).requests().get(0);
        assertThat(parts.get(1).changeSet()).isTrue();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.contentId()).isEqualTo("1");
        assertThat(post.headers()).containsEntry("content-type", "application/json");
        assertThat(post.body()).isEqualTo("{\"name\": \"a\"}");
    }

    @Test
    void aMissingClosingDelimiterIsNamed() {
        assertThatThrownBy(() -> BatchDocument.parse(TYPE, "--b_1\r\nContent-Type: application/http\r\n\r\nGET Things\r\n"))
                .isInstanceOf(ProblemException.BadRequest.class)
                .hasMessageContaining("closing delimiter '--b_1--'");
    }

    @Test
    void theResponseNestsChangeSetAnswersAndEchoesContentIds() {
        String out = BatchDocument.write(List.of(
                new BatchDocument.AnswerPart(List.of(new BatchDocument.Answer(200, Map.of("Content-Type", "application/json"),
                        "{}", null)), false),
                new BatchDocument.AnswerPart(List.of(new BatchDocument.Answer(201, Map.of("Location", "x/Things(2)"),
                        "{\"@iot.id\":2}", "1")), true)), "r", "c");
        assertThat(out).startsWith("--r\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}\r\n");
        assertThat(out).contains("Content-Type: multipart/mixed; boundary=c_0\r\n\r\n--c_0\r\n")
                .contains("Content-ID: 1\r\n\r\nHTTP/1.1 201 Created\r\nLocation: x/Things(2)\r\n")
                .endsWith("--c_0--\r\n--r--\r\n");
    }
}
