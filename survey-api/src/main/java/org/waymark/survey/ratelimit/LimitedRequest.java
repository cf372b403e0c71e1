package org.waymark.survey.ratelimit;

import java.util.Optional;
import java.util.regex.Pattern;
import org.waymark.survey.WaymarkProperties;

/**
 * The kinds of request that are limited per client address, and which requests belong to each. Each
 * kind has its own allowance, so a burst of searches never holds up a participant's submission.
 */
enum LimitedRequest {
    /** New responses and submissions, through the API and the participant pages. */
    SUBMISSION("POST", "/api/studies/[^/]+/responses|/api/responses/[^/]+/submit|/s/[^/]+/(start|submit|follow-up)"),
    /** Anything that takes a resume or receipt code: limited so that codes cannot be guessed. */
    DRAFT_ACCESS("(GET|PATCH|DELETE)", "/api/responses/[^/]+"),
    DRAFT_ACCESS_PAGES("POST", "/resume|/withdraw(/.*)?"),
    SEARCH("GET", "/api/studies/[^/]+/search(/.*)?"),
    /** The sign-in forms, each password and code sent; refused HTTP Basic requests count against the same. */
    SIGN_IN("POST", "/sign-in|/sign-in/code|/signin|/login");

    private final Pattern method;
    private final Pattern path;

    LimitedRequest(String method, String path) {
        this.method = Pattern.compile(method);
        this.path = Pattern.compile(path);
    }

    static Optional<LimitedRequest> of(String method, String path) {
        for (LimitedRequest kind : values()) {
            if (kind.method.matcher(method).matches() && kind.path.matcher(path).matches()) {
                return Optional.of(kind.allowance());
            }
        }
        return Optional.empty();
    }

    /** The kind whose allowance this one shares: draft access by page and by API is one allowance. */
    LimitedRequest allowance() {
        return this == DRAFT_ACCESS_PAGES ? DRAFT_ACCESS : this;
    }

    int perMinute(WaymarkProperties.RateLimits limits) {
        return switch (allowance()) {
            case SUBMISSION -> limits.submissionsPerMinute();
            case DRAFT_ACCESS, DRAFT_ACCESS_PAGES -> limits.draftAccessPerMinute();
            case SEARCH -> limits.searchesPerMinute();
            case SIGN_IN -> limits.signInsPerMinute();
        };
    }
}
