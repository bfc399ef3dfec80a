package org.cityops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.cityops.platform.Actor;
import org.cityops.platform.TokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for integration tests: JSON in, JSON out, with a bearer token
 * minted for any actor by the application's own token issuer.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final TokenIssuer issuer;

    private Api(String base, String token, TokenIssuer issuer) {
        this.base = base;
        this.token = token;
        this.issuer = issuer;
    }

    /** Returns an anonymous client for the server on the given port. */
    public static Api on(int port, TokenIssuer issuer) {
        return new Api("http://localhost:" + port, null, issuer);
    }

    /** Returns a client that calls as the given actor. */
    public Api as(Actor actor) {
        return new Api(base, issuer.issue(actor, actor.username()).token(), issuer);
    }

    /** Returns a client that sends the given bearer token. */
    public Api withToken(String bearer) {
        return new Api(base, bearer, issuer);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    /** Sends a GET asking for the given media type (text, XML, GeoJSON…). */
    public Response get(String path, String accept) {
        return send(builder(path).setHeader("Accept", accept).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    public Response put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(publisher(body)));
    }

    public Response patch(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").method("PATCH", publisher(body)));
    }

    /** Sends a body with an explicit content type (YAML, GeoJSON, raw text). */
    public Response send(String method, String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Imports a GeoJSON city file through {@code POST /api/v1/geo/import}. */
    public Response importGeoJson(String file) {
        try {
            return send("POST", "/api/v1/geo/import", "application/geo+json", java.nio.file.Files.readString(
                    java.nio.file.Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP response with its body parsed on demand. */
    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
