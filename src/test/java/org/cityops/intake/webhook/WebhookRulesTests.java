package org.cityops.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class WebhookRulesTests {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignatureMadeWithTheSecretVerifies() {
        String secret = WebhookSignature.newSecret();
        byte[] body = utf8("{\"a\":1}");
        assertThat(WebhookSignature.verify(secret, body, WebhookSignature.sign(secret, body))).isTrue();
        assertThat(WebhookSignature.sign(secret, body)).startsWith("sha256=").hasSize(7 + 64);
    }

    @Test
    void aSignatureOfAnotherBodyOrSecretOrNoneDoesNotVerify() {
        String secret = WebhookSignature.newSecret();
        byte[] body = utf8("{\"a\":1}");
        assertThat(WebhookSignature.verify(secret, utf8("{\"a\":2}"), WebhookSignature.sign(secret, body))).isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), body, WebhookSignature.sign(secret, body)))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, body, null)).isFalse();
        assertThat(WebhookSignature.verify(secret, body, WebhookSignature.sign(secret, body).substring(7))).isFalse();
    }

    @Test
    void theSignatureMatchesTheKnownHmacSha256() {
        // RFC 4231 test case 2
        assertThat(WebhookSignature.sign("Jefe", utf8("what do ya want for nothing?")))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aCompleteEventIsRead() {
        WebhookEvent e = WebhookRules.parse(utf8("""
                {"eventType":"VIDEO_AI_DETECTION","categoryCode":"E0101","longitude":114.5,"latitude":24.5,
                 "description":"垃圾堆积","occurredAt":"2026-11-28T08:00:00+08:00","mediaRefs":["cam7/1.jpg"],
                 "externalId":"det-1"}"""));
        assertThat(e.eventType()).isEqualTo("VIDEO_AI_DETECTION");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(e.mediaRefs()).containsExactly("cam7/1.jpg");
        assertThat(e.externalId()).isEqualTo("det-1");
    }

    @Test
    void missingAndMalformedFieldsAreAllNamed() {
        assertThatThrownBy(() -> WebhookRules.parse(utf8("""
                {"eventType":"bad type","longitude":"x","occurredAt":"yesterday","mediaRefs":"a","colour":"red"}""")))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class, e -> assertThat(e.errors())
                        .extracting(ProblemException.FieldError::field)
                        .contains("eventType", "categoryCode", "longitude", "latitude", "occurredAt", "mediaRefs",
                                "colour"));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsNamedAsTheBody() {
        assertThatThrownBy(() -> WebhookRules.parse(utf8("not json")))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("body"));
        assertThatThrownBy(() -> WebhookRules.parse(utf8("[1]")))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("body"));
    }

    @Test
    void aMissingIdempotencyKeyIsNamed() {
        assertThatThrownBy(() -> WebhookRules.idempotencyKey(" "))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("Idempotency-Key"));
        assertThat(WebhookRules.idempotencyKey(" k-1 ")).isEqualTo("k-1");
    }

    @Test
    void sourceCodesAreLowerCaseSlugs() {
        WebhookRules.checkSourceCode("video-ai-1");
        assertThatThrownBy(() -> WebhookRules.checkSourceCode("Video AI"))
                .isInstanceOf(ProblemException.BadRequest.class);
    }
}
