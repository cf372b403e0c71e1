package org.waymark.survey.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The workspace's first page after signing in: the studies the account has a role in, each linking to
 * its overview (studies.StudyPages) and to the study's sections this account may open
 * ({@link StudyNavigation}), and the way to upload a new one.
 */
@Controller
class WorkspacePages {

    private final StudyRoles roles;
    private final StudyNavigation navigation;

    WorkspacePages(StudyRoles roles, StudyNavigation navigation) {
        this.roles = roles;
        this.navigation = navigation;
    }

    @GetMapping("/workspace")
    String home(Authentication me, Model model) {
        var studies = roles.titledStudiesOf(me.getName());
        Map<String, List<StudyHeader.Link>> sections = new LinkedHashMap<>();
        studies.forEach(study -> sections.put(
                study.studyId(),
                navigation
                        .header(me, study.studyId(), null)
                        .map(StudyHeader::links)
                        .orElse(List.of())));
        model.addAttribute("username", me.getName());
        model.addAttribute("studies", studies);
        model.addAttribute("sections", sections);
        return "workspace/home";
    }
}
