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
    private final SecondFactors factors;
    private final AuditLog audit;

    SignInEvents(SignInThrottle throttle, AccountRepository accounts, SecondFactors factors, AuditLog audit) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.factors = factors;
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
        String username = event.getAuthentication().getName();
        // A right password over HTTP Basic that is then refused for want of a code (BasicNeedsNoFactor)
        // must not clear the count, or it would reset the throttle on guessing codes.
        if (accounts.findByUsername(username).filter(factors::refusesBasic).isEmpty()) {
            throttle.succeeded(username);
        }
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
