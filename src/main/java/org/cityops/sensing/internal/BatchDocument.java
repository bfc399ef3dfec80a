package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityops.platform.ProblemException;

/**
 * A SensorThings batch request (15-078r6 and 18-088 chapter 11, adapted from OData 4.0 Protocol
 * 11.7): a {@code multipart/mixed} body whose parts are single requests ({@code application/http})
 * or change sets (a nested {@code multipart/mixed} of requests, each with a {@code Content-ID}).
 * The whole document is read and checked before anything runs, so a malformed batch runs nothing.
 * Reading is lenient where the standard's own examples are: blank lines between headers, a request
 * line without {@code HTTP/1.1}, {@code LF} or {@code CRLF} line ends, {@code Content-Length} ignored.
 */
final class BatchDocument {

    /** The methods a batch may carry (no HEAD or OPTIONS: they do not read or change entities). */
    static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");

    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*(.*)");
    private static final Pattern REQUEST_LINE = Pattern.compile("(\\S+)[ \\t]+(\\S+)(?:[ \\t]+HTTP/\\d(?:\\.\\d)?)?");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    private BatchDocument() {
    }

    /**
     * One request of the batch.
     *
     * @param method    the HTTP method, upper case
     * @param url       the URL as written (absolute, absolute path, relative to the service root, or {@code $n/…})
     * @param headers   the request's own headers (names lower case)
     * @param body      the body, {@code null} when there is none
     * @param contentId the {@code Content-ID}, {@code null} when not given
     * @param field     where it stands in the document, for problems ({@code parts/1/requests/0})
     */
    record Request(String method, String url, Map<String, String> headers, String body, String contentId,
                   String field) {
    }

    /**
     * One part of the batch: a single request ({@code requests} has one entry, {@code changeSet} false)
     * or a change set, run atomically.
     *
     * @param requests  the requests in document order
     * @param changeSet whether the requests form a change set
     * @param field     where it stands in the document ({@code parts/1})
     */
    record Part(List<Request> requests, boolean changeSet, String field) {
    }

    /** Returns the parts of the batch, or throws 400 naming the first thing wrong with the document. */
    static List<Part> parse(String contentType, String body) {
        String boundary = boundary(contentType, "Content-Type", true);
        List<String> texts = split(body == null ? "" : body, boundary, "body");
        if (texts.isEmpty()) {
            throw ProblemException.BadRequest.field("body", "a batch needs at least one part");
        }
        List<Part> parts = new ArrayList<>();
        Set<String> contentIds = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            String field = "parts/" + i;
            Lines lines = new Lines(texts.get(i));
            Map<String, String> mime = lines.headers();
            String type = mime.getOrDefault("content-type", "").trim().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/http")) {
                parts.add(new Part(List.of(request(lines, mime, field, false)), false, field));
            } else if (type.startsWith("multipart/mixed")) {
                String inner = boundary(mime.get("content-type"), field + "/Content-Type", false);
                List<String> requests = split(lines.rest(), inner, field);
                if (requests.isEmpty()) {
                    throw ProblemException.BadRequest.field(field, "a change set needs at least one request");
                }
                List<Request> list = new ArrayList<>();
                for (int j = 0; j < requests.size(); j++) {
                    String rf = field + "/requests/" + j;
                    Lines rl = new Lines(requests.get(j));
                    Map<String, String> rm = rl.headers();
                    String rt = rm.getOrDefault("content-type", "").trim().toLowerCase(Locale.ROOT);
                    if (rt.startsWith("multipart/")) {
                        throw ProblemException.BadRequest.field(rf + "/Content-Type", "change sets cannot be nested");
                    }
                    if (!rt.startsWith("application/http")) {
                        throw ProblemException.BadRequest.field(rf + "/Content-Type", "must be application/http");
                    }
                    Request r = request(rl, rm, rf, true);
                    if (!contentIds.add(r.contentId())) {
                        throw ProblemException.BadRequest.field(rf + "/Content-ID",
                                "'" + r.contentId() + "' is used twice in this batch");
                    }
                    list.add(r);
                }
                parts.add(new Part(List.copyOf(list), true, field));
            } else {
                throw ProblemException.BadRequest.field(field + "/Content-Type",
                        "must be application/http (a request) or multipart/mixed (a change set)");
            }
        }
        return List.copyOf(parts);
    }

    private static Request request(Lines lines, Map<String, String> mime, String field, boolean inChangeSet) {
        String line = lines.next();
        Matcher m = line == null ? null : REQUEST_LINE.matcher(line.trim());
        if (m == null || !m.matches()) {
            throw ProblemException.BadRequest.field(field, "expected a request line such as 'GET Things(1) HTTP/1.1'"
                    + (line == null ? "" : ", found '" + abbreviate(line) + "'"));
        }
        String method = m.group(1).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw ProblemException.BadRequest.field(field + "/method", "'" + m.group(1) + "' is not one of "
                    + String.join(", ", METHODS.stream().sorted().toList()));
        }
        Map<String, String> headers = lines.headers();
        String body = lines.rest();
        String contentId = headers.getOrDefault("content-id", mime.get("content-id"));
        if (contentId != null) {
            contentId = contentId.trim();
        }
        if (inChangeSet) {
            if (method.equals("GET")) {
                throw ProblemException.BadRequest.field(field + "/method",
                        "a change set holds changes only: send GET outside it");
            }
            if (contentId == null || contentId.isEmpty()) {
                throw ProblemException.BadRequest.field(field + "/Content-ID", "is required for a request in a change set");
            }
            if (!contentId.matches("[A-Za-z0-9_.:,;-]+")) {
                throw ProblemException.BadRequest.field(field + "/Content-ID",
                        "may hold letters, digits and _.:,;- only");
            }
        }
        return new Request(method, m.group(2), headers, body.isBlank() ? null : body, contentId, field);
    }

    /** Returns the boundary parameter of a multipart/mixed content type, or throws 400 naming the field. */
    static String boundary(String contentType, String field, boolean top) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            throw ProblemException.BadRequest.field(field, top
                    ? "a batch request is multipart/mixed with a boundary" : "must be multipart/mixed with a boundary");
        }
        Matcher m = BOUNDARY.matcher(contentType.substring(contentType.indexOf('/') + 1));
        if (!m.find()) {
            throw ProblemException.BadRequest.field(field, "names no boundary");
        }
        String b = m.group(2) != null ? m.group(2) : m.group(1);
        if (b.isEmpty() || b.length() > 70) {
            throw ProblemException.BadRequest.field(field, "the boundary must be 1 to 70 characters");
        }
        return b;
    }

    /** Returns the texts of the parts between the delimiters of the boundary. */
    private static List<String> split(String text, String boundary, String field) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        String delimiter = "--" + boundary;
        String close = delimiter + "--";
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        boolean closed = false;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.equals(close)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                closed = true;
                break;
            }
            if (line.equals(delimiter)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = new StringBuilder();
                continue;
            }
            if (current != null) {
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(raw);
            }
        }
        if (!closed) {
            throw ProblemException.BadRequest.field(field, parts.isEmpty() && current == null
                    ? "no part starts with '" + delimiter + "'" : "the closing delimiter '" + close + "' is missing");
        }
        return parts;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** The lines of a part, read header by header and then as the rest. */
    private static final class Lines {
        private final String[] lines;
        private int at;

        Lines(String text) {
            this.lines = text.split("\n", -1);
        }

        /** Returns the header lines from here (blank lines between them are skipped), names lower case. */
        Map<String, String> headers() {
            Map<String, String> out = new LinkedHashMap<>();
            while (at < lines.length) {
                String line = lines[at].stripTrailing();
                if (line.isEmpty()) {
                    at++;
                    continue;
                }
                Matcher m = HEADER.matcher(line);
                if (!m.matches()) {
                    break;
                }
                out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim());
                at++;
            }
            return out;
        }

        /** Returns the next non-blank line, or {@code null} at the end. */
        String next() {
            while (at < lines.length && lines[at].isBlank()) {
                at++;
            }
            return at < lines.length ? lines[at++] : null;
        }

        /** Returns what is left, without its trailing line ends. */
        String rest() {
            StringBuilder b = new StringBuilder();
            for (int i = at; i < lines.length; i++) {
                if (i > at) {
                    b.append('\n');
                }
                b.append(lines[i]);
            }
            at = lines.length;
            return b.toString().stripTrailing();
        }
    }

    // ------------------------------------------------------------------ response

    /**
     * One answer in the batch response, formatted as it would be outside a batch.
     *
     * @param status    the HTTP status
     * @param headers   headers of the answer ({@code Content-Type}, {@code Location})
     * @param body      the body, {@code null} for none
     * @param contentId the request's {@code Content-ID}, {@code null} when it had none
     */
    record Answer(int status, Map<String, String> headers, String body, String contentId) {
    }

    /**
     * One part of the response: the answer to a single request, the answers of a committed change set
     * ({@code changeSet} true), or the one failure of a change set that was rolled back.
     */
    record AnswerPart(List<Answer> answers, boolean changeSet) {
    }

    /** Returns the multipart/mixed response body for the parts, with the given boundaries. */
    static String write(List<AnswerPart> parts, String boundary, String changeSetBoundary) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (AnswerPart p : parts) {
            b.append("--").append(boundary).append("\r\n");
            if (p.changeSet()) {
                String cs = changeSetBoundary + "_" + n++;
                b.append("Content-Type: multipart/mixed; boundary=").append(cs).append("\r\n\r\n");
                for (Answer a : p.answers()) {
                    b.append("--").append(cs).append("\r\n");
                    answer(b, a);
                }
                b.append("--").append(cs).append("--\r\n");
            } else {
                answer(b, p.answers().get(0));
            }
        }
        b.append("--").append(boundary).append("--\r\n");
        return b.toString();
    }

    private static void answer(StringBuilder b, Answer a) {
        b.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (a.contentId() != null) {
            b.append("Content-ID: ").append(a.contentId()).append("\r\n");
        }
        b.append("\r\nHTTP/1.1 ").append(a.status()).append(' ').append(reason(a.status())).append("\r\n");
        a.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("\r\n");
        if (a.body() != null) {
            b.append(a.body()).append("\r\n");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
