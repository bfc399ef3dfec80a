package org.cityops.demo.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityops.platform.Actor;
import org.cityops.platform.TokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's own HTTP API as an integrator calls it, on this node's port: each call carries a
 * token the platform issues for the simulated actor, so the demo goes through the same validation,
 * scope checks and events as anyone else.
 */
final class LocalApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: the status and the body parsed as JSON (a missing node when empty). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Returns the body, or throws with the problem's detail when the call failed. */
        JsonNode require(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return body;
        }
    }

    private record Token(String value, java.time.Instant expiresAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Map<Actor, Token> tokens = new ConcurrentHashMap<>();

    LocalApi(int port, TokenIssuer issuer, Clock clock) {
        this.base = "http://localhost:" + port;
        this.issuer = issuer;
        this.clock = clock;
    }

    Answer get(String path, Actor actor) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), actor);
    }

    Answer post(String path, Object body, Actor actor) {
        byte[] json = JSON.writeValueAsBytes(body);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), actor);
    }

    private Answer send(HttpRequest.Builder request, Actor actor) {
        request.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token(actor));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = r.body();
            JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("the local API could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the local API", e);
        }
    }

    private String token(Actor actor) {
        Token t = tokens.get(actor);
        if (t == null || t.expiresAt().isBefore(clock.instant().plusSeconds(60))) {
            TokenIssuer.IssuedToken issued = issuer.issue(actor, actor.username());
            t = new Token(issued.token(), issued.expiresAt());
            tokens.put(actor, t);
        }
        return t.value();
    }
}
