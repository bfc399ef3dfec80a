package org.cityops.platform.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code cityops.max-request-body} with 413 problem details:
 * at once when Content-Length says so, or as soon as a chunked body crosses the limit.
 * Multipart requests (file uploads) to the paths in {@code cityops.upload-paths} get the larger
 * {@code cityops.max-upload-body} instead; elsewhere a multipart body is held to the small limit too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long bodyLimit;
    private final long uploadLimit;
    private final List<String> uploadPaths;

    RequestBodyLimit(PlatformSettings settings) {
        this.bodyLimit = settings.maxRequestBody().toBytes();
        this.uploadLimit = settings.maxUploadBody().toBytes();
        this.uploadPaths = List.copyOf(settings.uploadPaths());
    }

    /** Returns the limit for the request: the upload limit for multipart bodies to an upload path, else the body limit. */
    long limitFor(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
            return bodyLimit;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return uploadPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path)) ? uploadLimit : bodyLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            reject(response, limit);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (ServletException | RuntimeException e) {
            if (causedByLimit(e) && !response.isCommitted()) {
                response.reset();
                reject(response, limit);
                return;
            }
            throw e;
        }
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private static void reject(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"Request body exceeds the limit of " + limit + " bytes\"}");
    }

    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("Request body exceeds the limit of " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override public boolean isFinished() { return in.isFinished(); }
                    @Override public boolean isReady() { return in.isReady(); }
                    @Override public void setReadListener(ReadListener listener) { in.setReadListener(listener); }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > limit) {
                            throw new TooLarge(limit);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > limit) {
                            throw new TooLarge(limit);
                        }
                        return n;
                    }
                };
            }
            return stream;
        }
    }
}
