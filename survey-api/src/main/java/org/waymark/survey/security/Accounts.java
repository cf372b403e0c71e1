package org.waymark.survey.security;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.web.ApiProblemException;

/** Accounts and their roles in studies, as admins and owners manage them. Every change is audited. */
@Service
class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

    /** Names that stand for no person in the audit trail and in coding ({@code rule} proposes codes). */
    private static final Set<String> RESERVED = Set.of("system", "participant", "rule", "unknown", "anonymous");

    record NewAccount(String username, String password, Boolean siteAdmin) {}

    record PasswordChange(String current, String password) {}

    record Me(String username, boolean siteAdmin, List<StudyRoles.Membership> studies) {}

    private final AccountRepository accounts;
    private final StudyRoles roles;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuditLog audit;

    Accounts(
            AccountRepository accounts,
            StudyRoles roles,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            AuditLog audit) {
        this.accounts = accounts;
        this.roles = roles;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
    }

    Me me(String username, boolean siteAdmin) {
        return new Me(username, siteAdmin, roles.studiesOf(username));
    }

    List<AccountRepository.Listed> list() {
        return accounts.list();
    }

    @Transactional
    AccountRepository.Listed create(NewAccount account, String actor) {
        if (account == null
                || account.username() == null
                || !USERNAME.matcher(account.username()).matches()) {
            throw bad("A username is 2 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit.");
        }
        if (RESERVED.contains(account.username())) {
            throw bad("'" + account.username() + "' is reserved: Waymark uses it in its records. Choose another.");
        }
        policy.problem(account.password(), account.username()).ifPresent(problem -> {
            throw bad(problem);
        });
        if (accounts.findByUsername(account.username()).isPresent()) {
            throw ApiProblemException.conflict("An account named '" + account.username() + "' exists already.");
        }
        boolean siteAdmin = Boolean.TRUE.equals(account.siteAdmin());
        accounts.insert(account.username(), passwords.encode(account.password()), siteAdmin);
        audit.record(actor, "account.created", null, account.username(), siteAdmin ? "site admin" : null);
        return find(account.username());
    }

    @Transactional
    AccountRepository.Listed setEnabled(String username, boolean enabled, String actor) {
        if (!enabled && username.equals(actor)) {
            throw ApiProblemException.conflict(
                    "You cannot disable your own account: another admin must, so the site always keeps one.");
        }
        if (!accounts.setEnabled(username, enabled)) {
            throw noAccount(username);
        }
        audit.record(actor, enabled ? "account.enabled" : "account.disabled", null, username, null);
        return find(username);
    }

    @Transactional
    void changePassword(String username, PasswordChange change) {
        var account = accounts.findByUsername(username).orElseThrow(() -> noAccount(username));
        if (change == null
                || change.current() == null
                || !passwords.matches(change.current(), account.passwordHash())) {
            throw bad("'current' must be your present password.");
        }
        policy.problem(change.password(), username).ifPresent(problem -> {
            throw bad(problem);
        });
        accounts.setPasswordHash(username, passwords.encode(change.password()));
        audit.record(username, "account.password-changed", null, username, null);
    }

    List<StudyRoles.Member> members(String studyId) {
        requireStudy(studyId);
        return roles.membersOf(studyId);
    }

    @Transactional
    StudyRoles.Member grant(String studyId, String username, String roleId, String actor) {
        lockStudy(studyId);
        StudyRole role = StudyRole.fromId(roleId == null ? "" : roleId)
                .orElseThrow(() -> bad("'role' must be one of owner, researcher, coder, analyst."));
        var account = accounts.findByUsername(username).orElseThrow(() -> noAccount(username));
        var before = roles.roleOf(username, studyId);
        if (before.filter(StudyRole.OWNER::equals).isPresent() && role != StudyRole.OWNER) {
            requireAnotherOwner(studyId, username);
        }
        roles.grant(account.id(), studyId, role);
        audit.record(actor, "role.granted", studyId, username, role.id());
        return roles.membersOf(studyId).stream()
                .filter(member -> member.username().equals(username))
                .findFirst()
                .orElseThrow();
    }

    @Transactional
    void revoke(String studyId, String username, String actor) {
        lockStudy(studyId);
        var account = accounts.findByUsername(username).orElseThrow(() -> noAccount(username));
        boolean owner = roles.membersOf(studyId).stream()
                .anyMatch(member ->
                        member.username().equals(username) && member.role().equals("owner"));
        if (owner) {
            requireAnotherOwner(studyId, username);
        }
        if (!roles.revoke(account.id(), studyId)) {
            throw ApiProblemException.notFound("'" + username + "' has no role in study '" + studyId + "'.");
        }
        audit.record(actor, "role.revoked", studyId, username, null);
    }

    private void requireAnotherOwner(String studyId, String username) {
        if (roles.owners(studyId) <= 1) {
            throw ApiProblemException.conflict("'" + username + "' is the only owner of study '" + studyId
                    + "'. Make someone else an owner first, so the study always has one.");
        }
    }

    /** The study's row, locked until the change commits: changes to its owners happen one at a time. */
    private void lockStudy(String studyId) {
        if (!roles.lockStudy(studyId)) {
            throw ApiProblemException.notFound("There is no study '" + studyId + "'.");
        }
    }

    private void requireStudy(String studyId) {
        if (!roles.studyExists(studyId)) {
            throw ApiProblemException.notFound("There is no study '" + studyId + "'.");
        }
    }

    private AccountRepository.Listed find(String username) {
        return accounts.list().stream()
                .filter(listed -> listed.username().equals(username))
                .findFirst()
                .orElseThrow(() -> noAccount(username));
    }

    private static ApiProblemException noAccount(String username) {
        return ApiProblemException.notFound("There is no account '" + username + "'. GET /api/accounts lists them.");
    }

    static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
