package org.waymark.survey.security;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.web.ApiProblemException;

/** Making and revoking one's own personal access tokens, for the API and the account page alike. */
@Service
class PersonalTokens {

    static final int MAX_DAYS = 365;
    static final int DEFAULT_DAYS = 30;

    /** The only time the token itself is shown. */
    record CreatedToken(long id, String name, String token, List<String> studies, LocalDateTime expiresAt) {}

    private final AccessTokens tokens;
    private final AccountRepository accounts;
    private final StudyRoles roles;
    private final AuditLog audit;
    private final Clock clock;

    PersonalTokens(AccessTokens tokens, AccountRepository accounts, StudyRoles roles, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    List<AccessTokens.Listed> list(String username) {
        return tokens.listFor(username);
    }

    /**
     * Makes a token. {@code siteAdmin} is for a site admin on the account page only, signed in with the
     * second factor: such a token may have no studies, and carries the admin's powers over the site.
     */
    @Transactional
    CreatedToken create(
            String username, String name, List<String> requested, Integer expiresInDays, boolean siteAdmin) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw Accounts.bad("Give the token a 'name' of up to 100 characters, such as the script that will use it.");
        }
        var account = accounts.findByUsername(username).orElseThrow();
        if (siteAdmin && !account.siteAdmin()) {
            throw Accounts.bad("Only a site admin can make a token for the site's administration.");
        }
        if (siteAdmin && !account.hasSecondFactor()) {
            throw Accounts.bad("Set up a second factor first: a token for the site's administration is made only"
                    + " by an admin who signs in with one.");
        }
        if ((requested == null || requested.isEmpty()) && !siteAdmin) {
            throw Accounts.bad("List the 'studies' the token may be used for: at least one.");
        }
        int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
        if (days < 1 || days > MAX_DAYS) {
            throw Accounts.bad("'expiresInDays' must be from 1 to " + MAX_DAYS + ".");
        }
        Set<String> studies = new LinkedHashSet<>(requested == null ? List.of() : requested);
        for (String study : studies) {
            if (study == null || roles.roleOf(username, study).isEmpty()) {
                throw Accounts.bad("You have no role in study '" + study + "'. A token can only be for studies"
                        + " you have a role in; GET /api/me lists them.");
            }
        }
        String token = AccessTokens.newToken();
        LocalDateTime expiresAt = LocalDateTime.now(clock).plusDays(days);
        long id = tokens.insert(account.id(), name.strip(), token, studies, expiresAt, siteAdmin);
        audit.record(
                username,
                "token.created",
                null,
                "token " + id,
                (siteAdmin ? "site administration; " : "") + "studies " + String.join(" ", studies) + "; expires "
                        + expiresAt.toLocalDate());
        return new CreatedToken(id, name.strip(), token, List.copyOf(studies), expiresAt);
    }

    void revoke(String username, long tokenId) {
        if (!tokens.revoke(username, tokenId)) {
            throw ApiProblemException.notFound(
                    "You have no active token " + tokenId + ". GET /api/me/tokens lists yours.");
        }
        audit.record(username, "token.revoked", null, "token " + tokenId, null);
    }
}
