package org.waymark.survey.security;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Accounts for the site admin, roles in a study for its owners, and one's own account. See docs/api.md. */
@RestController
class AccountController {

    record RoleGrant(String role) {}

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(value = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Accounts.Me me(Authentication authentication) {
        return accounts.me(authentication.getName(), StudyAccess.isSiteAdmin(authentication));
    }

    @PutMapping(value = "/api/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> changePassword(@RequestBody Accounts.PasswordChange change, Principal me) {
        accounts.changePassword(me.getName(), change);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccountRepository.Listed> list() {
        return accounts.list();
    }

    @PostMapping(
            value = "/api/accounts",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountRepository.Listed> create(@RequestBody Accounts.NewAccount account, Principal admin) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(account, admin.getName()));
    }

    @PostMapping(value = "/api/accounts/{username}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    AccountRepository.Listed disable(@PathVariable String username, Principal admin) {
        return accounts.setEnabled(username, false, admin.getName());
    }

    @PostMapping(value = "/api/accounts/{username}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    AccountRepository.Listed enable(@PathVariable String username, Principal admin) {
        return accounts.setEnabled(username, true, admin.getName());
    }

    @GetMapping(value = "/api/studies/{id}/roles", produces = MediaType.APPLICATION_JSON_VALUE)
    List<StudyRoles.Member> members(@PathVariable String id) {
        return accounts.members(id);
    }

    @PutMapping(
            value = "/api/studies/{id}/roles/{username}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    StudyRoles.Member grant(
            @PathVariable String id, @PathVariable String username, @RequestBody RoleGrant grant, Principal actor) {
        return accounts.grant(id, username, grant == null ? null : grant.role(), actor.getName());
    }

    @DeleteMapping("/api/studies/{id}/roles/{username}")
    ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String username, Principal actor) {
        accounts.revoke(id, username, actor.getName());
        return ResponseEntity.noContent().build();
    }
}
