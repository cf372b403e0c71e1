package org.waymark.survey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in an API request that carries {@code Authorization: Bearer <token>}. A token that is unknown,
 * expired or revoked is refused outright with 401, rather than treated as no sign-in at all. Not a
 * bean, so that the servlet container does not run it outside the API's filter chain.
 */
final class AccessTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final ProblemDetailsAuthenticationHandlers refusals;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    AccessTokenFilter(AccessTokens tokens, ProblemDetailsAuthenticationHandlers refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).strip();
        Optional<AccessTokens.Valid> valid =
                token.startsWith(AccessTokens.PREFIX) ? tokens.check(token) : Optional.empty();
        if (valid.isEmpty()) {
            refusals.signInRequired(
                    response,
                    "This access token is not known, has expired or was revoked, or its account is disabled."
                            + " Make a new one with POST /api/me/tokens.");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new AccessTokenAuthentication(
                valid.get().username(), valid.get().studies(), valid.get().siteAdmin()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
