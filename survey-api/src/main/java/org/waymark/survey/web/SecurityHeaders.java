package org.waymark.survey.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser protections every response carries, pages, API, static files and error pages alike. It
 * runs before Spring Security's filter chains and on error dispatches too, so a 404, a refusal or a
 * container error gets the same headers as a page. Spring Security writes some of the same headers in
 * its chains; it leaves a header alone once set, so the values here are the ones sent.
 */
class SecurityHeaders extends OncePerRequestFilter {

    /**
     * No script at all, no inline style, nothing from elsewhere: the participant pages are plain HTML
     * with one stylesheet. Forms post only back to Waymark, and no other site may frame a page.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
            + " form-action 'self'";

    private static final Pattern STATIC_FILE = Pattern.compile("/[A-Za-z0-9_-]+\\.(css|js|png|svg|ico|woff2)");

    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // Behind a proxy this is true only when server.forward-headers-strategy trusts its X-Forwarded-Proto.
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        if (!isStaticFile(request)) {
            // Pages hold answers and API replies hold study data: neither belongs in any cache.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        chain.doFilter(request, response);
    }

    private static boolean isStaticFile(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && STATIC_FILE.matcher(request.getRequestURI()).matches();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Before Spring Security (order -100), and on error dispatches as well as requests. */
        @Bean
        FilterRegistrationBean<SecurityHeaders> securityHeaders() {
            var registration = new FilterRegistrationBean<>(new SecurityHeaders());
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }
}
