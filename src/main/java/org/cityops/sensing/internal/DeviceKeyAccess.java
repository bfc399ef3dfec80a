package org.cityops.sensing.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Device API keys on {@code /sta} writes: a request with {@code X-Api-Key} is the device's, whatever
 * else it carries. The key must be an active device key (401 otherwise), and the device may only
 * create Observations ({@code Observations}, {@code Datastreams(id)/Observations},
 * {@code MultiDatastreams(id)/Observations}, {@code FeaturesOfInterest(id)/Observations},
 * {@code CreateObservations}) in its own Things' datastreams (403 naming the datastream otherwise).
 * A filter keeps the body so the check can read it before the controller does.
 */
@Configuration(proxyBeanMethods = false)
class DeviceKeyAccess implements WebMvcConfigurer {

    static final String HEADER = "X-Api-Key";

    private final DeviceCredentials credentials;
    private final DeviceWriteGuard guard;

    DeviceKeyAccess(DeviceCredentials credentials, DeviceWriteGuard guard) {
        this.credentials = credentials;
        this.guard = guard;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> deviceKeyBody() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(deviceWrite(request) ? new KeptBody(request) : request, response);
            }
        });
        bean.addUrlPatterns("/sta/*");
        bean.setName("deviceKeyBody");
        return bean;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws IOException {
                if (!deviceWrite(request)) {
                    return true;
                }
                Optional<Device> device = credentials.byApiKey(request.getHeader(HEADER));
                if (device.isEmpty()) {
                    unauthorized(response);
                    return false;
                }
                check(device.get(), request);
                return true;
            }
        }).addPathPatterns("/sta/**");
    }

    private static boolean deviceWrite(HttpServletRequest request) {
        String method = request.getMethod();
        // a batch is checked request by request (StaBatch), as each would be checked alone
        return request.getHeader(HEADER) != null && !method.equals("GET") && !method.equals("HEAD")
                && !method.equals("OPTIONS") && !request.getRequestURI().endsWith("/$batch");
    }

    private void check(Device device, HttpServletRequest request) throws IOException {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String topic = uri.startsWith("/sta/") ? uri.substring("/sta/".length()) : uri;
        if (!request.getMethod().equals("POST")) {
            throw new ProblemException.Forbidden("A device key only creates Observations",
                    List.of(new FieldError("path", "a device may not " + request.getMethod() + " " + topic)));
        }
        JsonNode body = body(request);
        if (topic.endsWith("/CreateObservations") && topic.indexOf('/') == topic.lastIndexOf('/')) {
            if (body != null && body.isArray()) {
                for (int i = 0; i < body.size(); i++) {
                    guard.check(device, body.get(i), null, "/" + i);
                }
            }
            return;
        }
        MqttTopics.Create target;
        try {
            target = MqttTopics.create(topic);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Forbidden("A device key only creates Observations",
                    List.of(new FieldError("path", e.getMessage())));
        }
        guard.check(device, body, target.parent(), "");
    }

    /** Returns the request's JSON, or {@code null} when it is not JSON (the controller then answers 400). */
    private static JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes = request instanceof KeptBody k ? k.bytes : request.getInputStream().readAllBytes();
        try {
            return bytes.length == 0 ? null : StaStore.JSON.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"X-Api-Key is not an active device key\",\"errors\":[{\"field\":\"" + HEADER
                + "\",\"message\":\"is not an active device key\"}]}");
    }

    /** The request with its body read once and served again to the controller. */
    private static final class KeptBody extends HttpServletRequestWrapper {
        private final byte[] bytes;

        KeptBody(HttpServletRequest request) throws IOException {
            super(request);
            this.bytes = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the kept body is read synchronously");
                }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }
}
