package org.waymark.survey.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request signed with a personal access token: it acts for its account, but only in the studies it
 * was made for, and as the site admin only if it was made for that ({@link #siteAdmin}).
 */
final class AccessTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final Set<String> studies;
    private final boolean siteAdmin;

    AccessTokenAuthentication(String username, Set<String> studies, boolean siteAdmin) {
        super(List.of());
        this.username = username;
        this.studies = Set.copyOf(studies);
        this.siteAdmin = siteAdmin;
        setAuthenticated(true);
    }

    /** Made by a site admin, after the second factor, for the site's administration. */
    boolean siteAdmin() {
        return siteAdmin;
    }

    boolean covers(String studyId) {
        return studies.contains(studyId);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessTokenAuthentication token
                && token.username.equals(username)
                && token.studies.equals(studies)
                && token.siteAdmin == siteAdmin;
    }

    @Override
    public int hashCode() {
        return username.hashCode() * 31 + studies.hashCode();
    }
}
