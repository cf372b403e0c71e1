package org.waymark.survey.security;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The workspace's first page after signing in: the studies the account has a role in. There are no
 * study pages yet, so a study links only to its participant pages, when it is published.
 */
@Controller
class WorkspacePages {

    private final StudyRoles roles;

    WorkspacePages(StudyRoles roles) {
        this.roles = roles;
    }

    @GetMapping("/workspace")
    String home(Principal me, Model model) {
        model.addAttribute("username", me.getName());
        model.addAttribute("studies", roles.titledStudiesOf(me.getName()));
        return "workspace/home";
    }
}
