package org.waymark.survey.security;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.web.ApiProblemException;

/** One's own personal access tokens, for API clients. Managed only when signed in with a password. */
@RestController
class TokenController {

    static final int MAX_DAYS = 365;

    record NewToken(String name, List<String> studies, Integer expiresInDays) {}

    /** The only time the token itself is shown. */
    record CreatedToken(long id, String name, String token, List<String> studies, LocalDateTime expiresAt) {}

    private final AccessTokens tokens;
    private final AccountRepository accounts;
    private final StudyRoles roles;
    private final AuditLog audit;
    private final Clock clock;

    TokenController(AccessTokens tokens, AccountRepository accounts, StudyRoles roles, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping(value = "/api/me/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccessTokens.Listed> list(Principal me) {
        return tokens.listFor(me.getName());
    }

    @PostMapping(
            value = "/api/me/tokens",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    ResponseEntity<CreatedToken> create(@RequestBody NewToken request, Principal me) {
        if (request == null
                || request.name() == null
                || request.name().isBlank()
                || request.name().length() > 100) {
            throw Accounts.bad("Give the token a 'name' of up to 100 characters, such as the script that will use it.");
        }
        if (request.studies() == null || request.studies().isEmpty()) {
            throw Accounts.bad("List the 'studies' the token may be used for: at least one.");
        }
        int days = request.expiresInDays() == null ? 30 : request.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            throw Accounts.bad("'expiresInDays' must be from 1 to " + MAX_DAYS + ".");
        }
        Set<String> studies = new LinkedHashSet<>(request.studies());
        for (String study : studies) {
            if (study == null || roles.roleOf(me.getName(), study).isEmpty()) {
                throw Accounts.bad("You have no role in study '" + study + "'. A token can only be for studies"
                        + " you have a role in; GET /api/me lists them.");
            }
        }
        long accountId = accounts.findByUsername(me.getName()).orElseThrow().id();
        String token = AccessTokens.newToken();
        LocalDateTime expiresAt = LocalDateTime.now(clock).plusDays(days);
        long id = tokens.insert(accountId, request.name().strip(), token, studies, expiresAt);
        audit.record(
                me.getName(),
                "token.created",
                null,
                "token " + id,
                "studies " + String.join(" ", studies) + "; expires " + expiresAt.toLocalDate());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedToken(id, request.name().strip(), token, List.copyOf(studies), expiresAt));
    }

    @DeleteMapping("/api/me/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable long tokenId, Principal me) {
        if (!tokens.revoke(me.getName(), tokenId)) {
            throw ApiProblemException.notFound(
                    "You have no active token " + tokenId + ". GET /api/me/tokens lists yours.");
        }
        audit.record(me.getName(), "token.revoked", null, "token " + tokenId, null);
        return ResponseEntity.noContent().build();
    }
}
