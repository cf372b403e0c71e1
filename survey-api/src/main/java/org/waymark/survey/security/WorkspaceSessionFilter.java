package org.waymark.survey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in page session within its limits on every workspace request: it ends after the
 * idle timeout (judged by the application's clock from the last request it let through; the
 * container's own expiry, set at sign-in, stays as a backstop), at the absolute timeout however busy
 * it is, and when the account is disabled or its admin status changed; and an account that must have
 * a second factor but has none reaches only the page that sets one up. Not a bean, so it runs only in
 * the workspace's filter chain.
 */
final class WorkspaceSessionFilter extends OncePerRequestFilter {

    static final String ENROL = "/workspace/account/second-factor";

    /** The session attribute holding when the session last made a request that was let through. */
    static final String LAST_USED = "waymark.last-used";

    /** What an account that must set up a second factor may still reach. */
    private static final Set<String> WHILE_ENROLLING = Set.of(ENROL, "/sign-out", "/sign-in", "/sign-in/code");

    private final AccountRepository accounts;
    private final SecondFactors factors;
    private final SecuritySettings.Session settings;
    private final Clock clock;

    WorkspaceSessionFilter(AccountRepository accounts, SecondFactors factors, SecuritySettings settings, Clock clock) {
        this.accounts = accounts;
        this.factors = factors;
        this.settings = settings.session();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session == null || !(authentication instanceof UsernamePasswordAuthenticationToken signedIn)) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        if (session.getAttribute(LAST_USED) instanceof Instant used
                && !used.plus(settings.idleTimeout()).isAfter(now)) {
            // As when the container ends an idle session: the visitor is simply sent to sign in.
            end(session, response, "/sign-in");
            return;
        }
        Object at = session.getAttribute(FormSignIn.SIGNED_IN_AT);
        boolean expired = !(at instanceof Instant since)
                || !since.plus(settings.absoluteTimeout()).isAfter(now);
        var account = accounts.findByUsername(signedIn.getName());
        boolean changed = account.isEmpty()
                || !account.get().enabled()
                || account.get().siteAdmin() != StudyAccess.isSiteAdmin(signedIn);
        if (expired || changed) {
            end(session, response, "/sign-in?ended");
            return;
        }
        session.setAttribute(LAST_USED, now);
        if (factors.required(account.get())
                && !account.get().hasSecondFactor()
                && !WHILE_ENROLLING.contains(request.getRequestURI())) {
            response.sendRedirect(ENROL);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpSession session, HttpServletResponse response, String then) throws IOException {
        session.invalidate();
        SecurityContextHolder.clearContext();
        response.sendRedirect(then);
    }
}
