package org.waymark.survey.security;

import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;

/**
 * The second factor: a TOTP authenticator app. Who must have one, setting one up (confirmed with a
 * code before it is switched on), checking codes (each accepted once only), and removing one.
 */
@Service
class SecondFactors {

    static final String ISSUER = "Waymark";

    /** A secret offered for setting up, not yet confirmed: kept in the session until it is. */
    record Enrolment(String secret, String grouped, String uri) implements java.io.Serializable {}

    private final AccountRepository accounts;
    private final SecuritySettings.Factors settings;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactors(AccountRepository accounts, SecuritySettings settings, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.settings = settings.totp();
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the account must set up a second factor before it may use the pages. */
    boolean required(AccountRepository.Account account) {
        return settings.requiredForEveryone() || (account.siteAdmin() && settings.requiredForAdmins());
    }

    /**
     * Whether HTTP Basic, which cannot carry a code, is refused for the account: it has a factor, or must
     * have one. No account is excepted, the first {@code admin} included: scripts use a token.
     */
    boolean refusesBasic(AccountRepository.Account account) {
        return account.hasSecondFactor() || required(account);
    }

    Enrolment newEnrolment(String username) {
        String secret = Base32.encode(Totp.newSecret());
        return new Enrolment(secret, Totp.grouped(secret), Totp.uri(ISSUER, username, secret));
    }

    /** Switches the factor on if the code fits the offered secret now; the code is then used up. */
    @Transactional
    boolean confirm(String username, Enrolment enrolment, String code) {
        OptionalLong step = Totp.matchingStep(Base32.decode(enrolment.secret()), code, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        accounts.setSecondFactor(username, enrolment.secret(), step.getAsLong());
        audit.record(username, "account.second-factor-added", null, username, "totp");
        return true;
    }

    /** Whether the code is right for the account's factor now and not used before; a right code is used up. */
    boolean check(String username, String code) {
        var account = accounts.findByUsername(username).filter(AccountRepository.Account::hasSecondFactor);
        if (account.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(Base32.decode(account.get().totpSecret()), code, clock.instant());
        return step.isPresent() && accounts.useStep(username, step.getAsLong());
    }

    @Transactional
    void remove(String username) {
        accounts.removeSecondFactor(username);
        audit.record(username, "account.second-factor-removed", null, username, "totp");
    }
}
