package org.waymark.survey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic sends a password and nothing else, so it cannot stand in for a sign-in that needs a second
 * factor: an API request signed in that way for an account that has a factor, or must have one, is
 * refused, and told to use a personal access token. Runs after HTTP Basic in the API's filter chain;
 * not a bean, so it runs nowhere else.
 */
final class BasicNeedsNoFactor extends OncePerRequestFilter {

    private final AccountRepository accounts;
    private final SecondFactors factors;
    private final ProblemDetailsAuthenticationHandlers refusals;

    BasicNeedsNoFactor(
            AccountRepository accounts, SecondFactors factors, ProblemDetailsAuthenticationHandlers refusals) {
        this.accounts = accounts;
        this.factors = factors;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof UsernamePasswordAuthenticationToken byPassword
                && byPassword.isAuthenticated()
                && accounts.findByUsername(byPassword.getName())
                        .filter(factors::refusesBasic)
                        .isPresent()) {
            SecurityContextHolder.clearContext();
            refusals.signInRequired(
                    response,
                    "This account needs a second factor to sign in, which HTTP Basic cannot carry. Use a"
                            + " personal access token instead ('Authorization: Bearer <token>'): sign in at"
                            + " /sign-in (setting up the second factor if asked), then make one on your account"
                            + " page, /workspace/account.");
            return;
        }
        chain.doFilter(request, response);
    }
}
