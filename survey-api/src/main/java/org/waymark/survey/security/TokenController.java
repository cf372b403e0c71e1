package org.waymark.survey.security;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * One's own personal access tokens, for API clients. Managed only when signed in with a password; a
 * token for the site's administration is made only on the account page ({@link AccountPages}).
 */
@RestController
class TokenController {

    record NewToken(String name, List<String> studies, Integer expiresInDays) {}

    private final PersonalTokens tokens;

    TokenController(PersonalTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping(value = "/api/me/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccessTokens.Listed> list(Principal me) {
        return tokens.list(me.getName());
    }

    @PostMapping(
            value = "/api/me/tokens",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PersonalTokens.CreatedToken> create(@RequestBody NewToken request, Principal me) {
        if (request == null) {
            throw Accounts.bad("Give the token a 'name' and the 'studies' it may be used for.");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.create(me.getName(), request.name(), request.studies(), request.expiresInDays(), false));
    }

    @DeleteMapping("/api/me/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable long tokenId, Principal me) {
        tokens.revoke(me.getName(), tokenId);
        return ResponseEntity.noContent().build();
    }
}
