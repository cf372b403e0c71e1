package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.waymark.survey.security.StudyAccess.Decision;

/**
 * The sections of a study in the workspace, and which of them one viewer may open. A section is offered
 * only when its page's rule in {@link AccessRules} lets the viewer in, so the menu and the server can
 * never disagree. A new study page adds its section here, in the order the menu shows it.
 */
@Component
public class StudyNavigation {

    /** A section: its label in the menu and its page, relative to {@code /workspace/studies/{id}}. */
    private record Section(String label, String path) {

        String pattern() {
            return "/workspace/studies/{id}" + path;
        }
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("Overview", ""),
            new Section("Dashboard", "/dashboard"),
            new Section("Responses", "/responses"),
            new Section("Analysis", "/analysis"),
            new Section("Themes", "/themes"),
            new Section("Coding", "/coding"),
            new Section("Theme matrix", "/themes/matrix"),
            new Section("Terms", "/themes/terms"),
            new Section("Quotes", "/quotes"),
            new Section("Reports", "/reports"),
            new Section("Exports", "/exports"),
            new Section("People", "/people"),
            new Section("Audit trail", "/audit"));

    private final StudyAccess access;
    private final StudyRoles roles;

    StudyNavigation(StudyAccess access, StudyRoles roles) {
        this.access = access;
        this.roles = roles;
    }

    /**
     * The header for a study page, or empty when there is no such study.
     *
     * @param current the section being shown, by its path (for example {@code /audit})
     */
    public Optional<StudyHeader> header(Authentication viewer, String studyId, String current) {
        return roles.summaryOf(studyId).map(study -> {
            List<StudyHeader.Link> links = new ArrayList<>();
            for (Section section : SECTIONS) {
                if (mayOpen(viewer, section, studyId)) {
                    links.add(new StudyHeader.Link(
                            section.label(),
                            "/workspace/studies/" + studyId + section.path(),
                            section.path().equals(current)));
                }
            }
            String role =
                    roles.roleOf(viewer.getName(), studyId).map(StudyRole::id).orElse(null);
            return new StudyHeader(studyId, study.title(), study.status(), study.synthetic(), role, links);
        });
    }

    /**
     * Whether the viewer may see the unprotected {@code internal} view of the study's aggregates, the rule
     * {@link RouteAccess} applies to any request naming an unexportable disclosure profile; a page offers
     * that profile only when this holds.
     */
    public boolean mayReadInternal(Authentication viewer, String studyId) {
        return access.decide(viewer, Permission.READ_INTERNAL, studyId) == Decision.ALLOW;
    }

    /** Shows the workspace's "no such study" page with a 404, for a study page whose study is missing. */
    public static String noSuchStudy(String studyId, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("title", "Page not found");
        model.addAttribute("message", "There is no study '" + studyId + "'. Start again from your studies.");
        return "workspace/problem";
    }

    /**
     * Whether the viewer may use one of the study's routes, by the rule the server applies to it: a page
     * offers a button only to those whose press would be let through.
     *
     * @param pattern the route as its handler declares it, for example {@code /workspace/studies/{id}/publish}
     */
    public boolean allows(Authentication viewer, String method, String pattern, String studyId) {
        Permission needed = AccessRules.find(method, pattern)
                .orElseThrow(() -> new IllegalStateException("no access rule for " + method + " " + pattern))
                .permission();
        return access.decide(viewer, needed, studyId) == Decision.ALLOW;
    }

    private boolean mayOpen(Authentication viewer, Section section, String studyId) {
        return allows(viewer, "GET", section.pattern(), studyId);
    }
}
