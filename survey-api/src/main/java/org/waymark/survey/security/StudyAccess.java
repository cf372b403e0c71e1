package org.waymark.survey.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request may have a permission: from the account's role in the study, whether it
 * is the site admin, and the scope of the token it came with.
 */
@Component
class StudyAccess {

    static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    enum Decision {
        ALLOW,
        /** Nobody is signed in, and this needs someone. */
        SIGN_IN,
        DENY
    }

    private final StudyRoles roles;

    StudyAccess(StudyRoles roles) {
        this.roles = roles;
    }

    Decision decide(Authentication authentication, Permission needed, String studyId) {
        if (needed == Permission.PUBLIC) {
            return Decision.ALLOW;
        }
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Decision.SIGN_IN;
        }
        boolean byToken = authentication instanceof AccessTokenAuthentication;
        return switch (needed) {
            case PUBLIC, SIGNED_IN -> Decision.ALLOW;
            case OWN_ACCOUNT -> byToken ? Decision.DENY : Decision.ALLOW;
            case ADMIN -> isSiteAdmin(authentication) ? Decision.ALLOW : Decision.DENY;
            default -> decideInStudy(authentication, needed, studyId);
        };
    }

    private Decision decideInStudy(Authentication authentication, Permission needed, String studyId) {
        if (studyId == null) {
            return Decision.DENY;
        }
        if (needed == Permission.MANAGE_ROLES && isSiteAdmin(authentication)) {
            return Decision.ALLOW;
        }
        if (authentication instanceof AccessTokenAuthentication token && !token.covers(studyId)) {
            return Decision.DENY;
        }
        return roles.roleOf(authentication.getName(), studyId)
                .filter(role -> role.permits(needed))
                .map(role -> Decision.ALLOW)
                .orElse(Decision.DENY);
    }

    /**
     * Signed in with the password of a site admin account, or with a token its admin made for the site's
     * administration (only on the account page, after the second factor); no other token carries it.
     */
    static boolean isSiteAdmin(Authentication authentication) {
        if (authentication instanceof AccessTokenAuthentication token) {
            return token.siteAdmin();
        }
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
    }
}
