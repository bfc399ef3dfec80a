package org.cityops.sensing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a batch request's {@code multipart/mixed} body away from the servlet multipart resolver,
 * which takes every {@code multipart/*} body for a form upload and fails on it: the body and its
 * real content type are read here and handed to {@link StaBatch} as request attributes.
 */
@Configuration(proxyBeanMethods = false)
class StaBatchBody {

    /** Request attribute holding the batch's content type as sent. */
    static final String CONTENT_TYPE = StaBatchBody.class.getName() + ".contentType";
    /** Request attribute holding the batch's body as text. */
    static final String BODY = StaBatchBody.class.getName() + ".body";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> staBatchBodyFilter() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!request.getMethod().equals("POST") || !request.getRequestURI().endsWith("/$batch")) {
                    chain.doFilter(request, response);
                    return;
                }
                request.setAttribute(CONTENT_TYPE, request.getContentType());
                byte[] body;
                try {
                    body = request.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the platform's body limit answers 413 for a ServletException caused by its own refusal
                    throw new ServletException("could not read the batch body", e);
                }
                request.setAttribute(BODY, new String(body, StandardCharsets.UTF_8));
                chain.doFilter(new Read(request), response);
            }
        });
        bean.addUrlPatterns("/sta/*");
        bean.setName("staBatchBody");
        return bean;
    }

    /** The batch request after its body was read: empty, and not multipart any more. */
    private static final class Read extends HttpServletRequestWrapper {
        Read(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Content-Type") ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equalsIgnoreCase("Content-Type") ? Collections.enumeration(java.util.List.of(getContentType()))
                    : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return true; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the batch body was read already");
                }
                @Override public int read() { return in.read(); }
            };
        }
    }
}
