package org.waymark.survey.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.waymark.survey.audit.AuditLog;

/**
 * Counts failed sign-ins for {@link SignInThrottle} and records each in the audit trail, under the
 * account's name if there is such an account: a name that is not one may be a password typed into
 * the wrong box, so it is never recorded.
 */
@Component
class SignInEvents {

    private final SignInThrottle throttle;
    private final AccountRepository accounts;
    private final AuditLog audit;

    SignInEvents(SignInThrottle throttle, AccountRepository accounts, AuditLog audit) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        throttle.failed(username, address(event.getAuthentication().getDetails()));
        boolean known = username != null && accounts.findByUsername(username).isPresent();
        audit.record(known ? username : "unknown", "login.failed", null, null, "password");
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
