package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.waymark.analysis.disclosure.DisclosureProfile;

/**
 * Enforces {@link AccessRules} on every request a handler answers, once the route is known and before
 * the handler runs. Deny by default: a handler with no rule is refused, and so is any handler that is
 * not a controller method (but static files, which are public).
 */
@Component
class RouteAccess implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RouteAccess.class);

    private final StudyAccess access;
    private final ProblemDetailsAuthenticationHandlers refusals;

    RouteAccess(StudyAccess access, ProblemDetailsAuthenticationHandlers refusals) {
        this.access = access;
        this.refusals = refusals;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (handler instanceof ResourceHttpRequestHandler) {
            return true;
        }
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Optional<AccessRules.Rule> rule = handler instanceof HandlerMethod && pattern != null
                ? AccessRules.find(request.getMethod(), pattern)
                : Optional.empty();
        if (rule.isEmpty()) {
            log.warn("Refused {} {}: the route has no access rule", request.getMethod(), pattern);
            return refuse(request, response, StudyAccess.Decision.DENY, "Nobody may use this address.");
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String studyId = studyId(request);
        Permission needed = rule.get().permission();
        StudyAccess.Decision decision = access.decide(authentication, needed, studyId);
        if (decision == StudyAccess.Decision.ALLOW && needed.concernsAStudy() && asksForUnexportable(request)) {
            needed = Permission.READ_INTERNAL;
            decision = access.decide(authentication, needed, studyId);
        }
        return decision == StudyAccess.Decision.ALLOW || refuse(request, response, decision, explain(needed));
    }

    private static String studyId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get(AccessRules.STUDY_VARIABLE) instanceof String id
                ? id
                : null;
    }

    /** The unprotected view of aggregates is for those who may see the rows anyway. */
    private static boolean asksForUnexportable(HttpServletRequest request) {
        String[] disclosures = request.getParameterValues("disclosure");
        return disclosures != null
                && Arrays.stream(disclosures)
                        .anyMatch(id -> Arrays.stream(DisclosureProfile.values())
                                .anyMatch(profile -> profile.id().equals(id) && !profile.isExportable()));
    }

    private boolean refuse(
            HttpServletRequest request, HttpServletResponse response, StudyAccess.Decision decision, String detail)
            throws IOException {
        boolean api = request.getRequestURI().startsWith("/api/");
        if (decision == StudyAccess.Decision.SIGN_IN) {
            if (api) {
                refusals.signInRequired(response);
            } else if (request.getRequestURI().startsWith("/workspace")) {
                response.sendRedirect(SignInController.SIGN_IN);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } else if (api) {
            refusals.forbidden(response, detail);
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
        return false;
    }

    private static String explain(Permission needed) {
        return switch (needed) {
            case ADMIN ->
                "Only the site admin may do this, signed in with a password or with a token made for the site's"
                        + " administration.";
            case OWN_ACCOUNT -> "Sign in with your password to manage your account; a token cannot.";
            case MANAGE_ROLES -> "Only the study's owners and the site admin may change who has a role in it.";
            case MANAGE_STUDY -> "Only the study's owners may change the study.";
            case READ_INTERNAL ->
                "The unprotected view is for the study's owners and researchers. Ask for a protected"
                        + " disclosure profile (nhs-standard or strict-10) instead.";
            case READ_ROWS -> "Row-level data is for the study's owners and researchers.";
            case READ_CONTACTS -> "Contact details left for follow-up are for the study's owners only.";
            case READ_AGGREGATES -> "Aggregates are for the study's owners, researchers and analysts.";
            case CODE_TEXT -> "Free text and coding are for the study's owners, researchers and coders.";
            case VIEW_STUDY -> "This needs a role in the study. Its owner can give you one.";
            case PUBLIC, SIGNED_IN -> "Your account is not allowed to do this.";
        };
    }
}
