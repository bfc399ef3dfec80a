package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class JsonBatchDocumentTest {

    static String field(Throwable e) {
        return ((ProblemException) e).errors().get(0).field();
    }

    @Test
    void adjacentRequestsOfOneAtomicityGroupBecomeOneChangeSetAndTheOthersSingleParts() {
        JsonBatchDocument.Batch batch = JsonBatchDocument.parse("""
                {"requests": [
                  {"id": "r", "method": "get", "url": "Things(1)"},
                  {"id": "a", "atomicityGroup": "g", "method": "post", "url": "Things", "body": {"name": "x"}},
                  {"id": "b", "atomicityGroup": "g", "method": "PATCH", "url": "$a", "dependsOn": ["r"],
                   "headers": {"Content-Type": "application/json"}, "body": {"description": "y"}},
                  {"id": "c", "method": "DELETE", "url": "$a", "dependsOn": ["g", "b"]}
                ]}""");
        assertThat(batch.parts()).hasSize(3);
        assertThat(batch.groups()).containsExactly(null, "g", null);
        assertThat(batch.parts().get(1).changeSet()).isTrue();
        assertThat(batch.parts().get(1).requests()).extracting(BatchDocument.Request::contentId).containsExactly("a", "b");
        BatchDocument.Request get = batch.parts().get(0).requests().get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.body()).isNull();
        BatchDocument.Request patch = batch.parts().get(1).requests().get(1);
        assertThat(patch.headers()).containsEntry("content-type", "application/json");
        assertThat(patch.body()).isEqualTo("{\"description\":\"y\"}");
        assertThat(patch.field()).isEqualTo("requests/2");
        assertThat(batch.dependsOn()).containsEntry("c", List.of("g", "b")).containsEntry("r", List.of());
    }

    @Test
    void aStringBodyUnderATextContentTypeIsPassedAsText() {
        JsonBatchDocument.Batch batch = JsonBatchDocument.parse("""
                {"requests": [{"id": "t", "method": "POST", "url": "Things",
                  "headers": {"Content-Type": "text/plain"}, "body": "plain words"}]}""");
        assertThat(batch.parts().get(0).requests().get(0).body()).isEqualTo("plain words");
    }

    @Test
    void eachMalformedRequestIsRefusedNamingItsMember() {
        Map<String, String> cases = Map.of(
                "{\"requests\": [{\"id\": \"a\", \"method\": \"GET\", \"url\": \"Things\", \"if\": \"x\"}]}", "requests/0/if",
                "{\"requests\": [{\"id\": \"a b\", \"method\": \"GET\", \"url\": \"Things\"}]}", "requests/0/id",
                "{\"requests\": [{\"id\": \"a\", \"method\": \"GET\", \"url\": 5}]}", "requests/0/url",
                "{\"requests\": [{\"id\": \"a\", \"method\": \"GET\", \"url\": \"Things\", \"headers\": {\"x\": 1}}]}",
                "requests/0/headers/x",
                "{\"requests\": [{\"id\": \"a\", \"method\": \"POST\", \"url\": \"Things\", \"atomicityGroup\": \"a\"}]}",
                "requests/0/atomicityGroup",
                "{\"requests\": [{\"id\": \"a\", \"method\": \"POST\", \"url\": \"Things\", \"atomicityGroup\": \"g\","
                        + " \"dependsOn\": [\"g\"]}]}", "requests/0/dependsOn/0",
                "{\"requests\": [{\"id\": \"a\", \"method\": \"GET\", \"url\": \"Things\", \"dependsOn\": \"b\"}]}",
                "requests/0/dependsOn",
                "{\"requests\": {}}", "requests");
        cases.forEach((body, field) -> assertThatThrownBy(() -> JsonBatchDocument.parse(body))
                .as(body).isInstanceOf(ProblemException.BadRequest.class)
                .satisfies(e -> assertThat(field(e)).isEqualTo(field)));
    }

    @Test
    void responsesCarryIdGroupStatusLowerCaseHeadersAndJsonBodies() {
        String text = JsonBatchDocument.write(List.of(
                new JsonBatchDocument.Response(new BatchDocument.Answer(201, Map.of("Content-Type", "application/json",
                        "Location", "http://h/sta/v1.1/Things(3)"), "{\"@iot.id\":3}", "a"), "g"),
                new JsonBatchDocument.Response(new BatchDocument.Answer(200, Map.of("Content-Type", "text/plain"),
                        "pump", "b"), null)));
        JsonNode out = StaStore.JSON.readTree(text).get("responses");
        assertThat(out.get(0).get("id").asString()).isEqualTo("a");
        assertThat(out.get(0).get("atomicityGroup").asString()).isEqualTo("g");
        assertThat(out.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(out.get(0).get("headers").get("location").asString()).isEqualTo("http://h/sta/v1.1/Things(3)");
        assertThat(out.get(0).get("body").get("@iot.id").asLong()).isEqualTo(3);
        assertThat(out.get(1).has("atomicityGroup")).isFalse();
        assertThat(out.get(1).get("body").asString()).isEqualTo("pump");
    }
}
