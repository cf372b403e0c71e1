package org.waymark.survey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away a password sign-in that {@link SignInThrottle} says must wait, before the password is
 * checked: 429 with {@code Retry-After}. Not a bean, so it runs only inside the API's filter chain.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";

    private final SignInThrottle throttle;
    private final ProblemDetailsAuthenticationHandlers refusals;

    SignInThrottleFilter(SignInThrottle throttle, ProblemDetailsAuthenticationHandlers refusals) {
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            Optional<Duration> wait =
                    throttle.wait(username(header.substring(BASIC.length())), request.getRemoteAddr());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                refusals.tooManySignIns(response, seconds);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String username(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials.strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }
}
