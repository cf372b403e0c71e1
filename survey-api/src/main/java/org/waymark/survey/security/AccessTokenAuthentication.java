package org.waymark.survey.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request signed with a personal access token: it acts for its account, but only in the studies it
 * was made for, and never as the site admin.
 */
final class AccessTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final Set<String> studies;

    AccessTokenAuthentication(String username, Set<String> studies) {
        super(List.of());
        this.username = username;
        this.studies = Set.copyOf(studies);
        setAuthenticated(true);
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
                && token.studies.equals(studies);
    }

    @Override
    public int hashCode() {
        return username.hashCode() * 31 + studies.hashCode();
    }
}
