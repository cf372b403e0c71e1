package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.waymark.survey.audit.AuditLog;

/**
 * Signing in to the pages: the password, then the second factor's code if the account has one. The
 * session id is renewed at each step, so an id planted before sign-in is worth nothing after it; the
 * session is signed in only once every step is done. Failures count towards {@link SignInThrottle}
 * and are audited, as for HTTP Basic.
 */
@Component
class FormSignIn {

    /** How long a correct password waits for its code before the person must start again. */
    static final Duration CODE_WAIT = Duration.ofMinutes(5);

    static final String PENDING = FormSignIn.class.getName() + ".PENDING";
    static final String SIGNED_IN_AT = FormSignIn.class.getName() + ".SIGNED_IN_AT";

    /** A correct password whose code is still to come. */
    record Pending(String username, Instant since) implements Serializable {}

    sealed interface Outcome {
        record SignedIn(String username) implements Outcome {}

        record CodeNeeded() implements Outcome {}

        record Wrong() implements Outcome {}

        record Wait(long seconds) implements Outcome {}

        /** No password step to follow, or it was too long ago. */
        record StartAgain() implements Outcome {}
    }

    private final DaoAuthenticationProvider passwords;
    private final UserDetailsService users;
    private final AccountRepository accounts;
    private final SecondFactors factors;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final SecuritySettings.Session settings;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    FormSignIn(
            UserDetailsService users,
            PasswordEncoder encoder,
            AccountRepository accounts,
            SecondFactors factors,
            SignInThrottle throttle,
            ApplicationEventPublisher events,
            AuditLog audit,
            SecuritySettings settings,
            Clock clock) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.users = users;
        this.accounts = accounts;
        this.factors = factors;
        this.throttle = throttle;
        this.events = events;
        this.audit = audit;
        this.settings = settings.session();
        this.clock = clock;
    }

    Outcome password(String username, String password, HttpServletRequest request, HttpServletResponse response) {
        Optional<Duration> wait = throttle.wait(username, request.getRemoteAddr());
        if (wait.isPresent()) {
            return new Outcome.Wait(Math.max(1, (wait.get().toMillis() + 999) / 1000));
        }
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        attempt.setDetails(new WebAuthenticationDetails(request));
        try {
            passwords.authenticate(attempt);
        } catch (AuthenticationException e) {
            // SignInEvents counts it for the throttle and records it in the audit trail, as for HTTP Basic.
            events.publishEvent(new AuthenticationFailureBadCredentialsEvent(attempt, e));
            return new Outcome.Wrong();
        }
        var account = accounts.findByUsername(username).orElseThrow();
        request.getSession();
        request.changeSessionId();
        if (account.hasSecondFactor()) {
            request.getSession().setAttribute(PENDING, new Pending(username, clock.instant()));
            return new Outcome.CodeNeeded();
        }
        complete(username, "password", request, response);
        return new Outcome.SignedIn(username);
    }

    /** Whether this session has a correct password waiting for its code. */
    boolean codePending(HttpServletRequest request) {
        return pending(request).isPresent();
    }

    Outcome code(String code, HttpServletRequest request, HttpServletResponse response) {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty()) {
            return new Outcome.StartAgain();
        }
        String username = pending.get().username();
        Optional<Duration> wait = throttle.wait(username, request.getRemoteAddr());
        if (wait.isPresent()) {
            return new Outcome.Wait(Math.max(1, (wait.get().toMillis() + 999) / 1000));
        }
        if (!factors.check(username, code)) {
            throttle.failed(username, request.getRemoteAddr());
            audit.record(username, "login.failed", null, null, "second factor");
            return new Outcome.Wrong();
        }
        complete(username, "password and second factor", request, response);
        return new Outcome.SignedIn(username);
    }

    void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        holder.clearContext();
    }

    private Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return Optional.ofNullable(session)
                .map(s -> s.getAttribute(PENDING))
                .filter(Pending.class::isInstance)
                .map(Pending.class::cast)
                .filter(p -> p.since().plus(CODE_WAIT).isAfter(clock.instant()));
    }

    private void complete(String username, String how, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(
                username, null, users.loadUserByUsername(username).getAuthorities());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(signedIn);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        session.setAttribute(WorkspaceSessionFilter.LAST_USED, clock.instant());
        session.setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
        // A new CSRF token for the signed-in session: one seen before sign-in is no use after it.
        new HttpSessionCsrfTokenRepository().saveToken(null, request, response);
        throttle.succeeded(username);
        audit.record(username, "login.succeeded", null, null, how);
    }
}
