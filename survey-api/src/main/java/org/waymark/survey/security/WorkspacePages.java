package org.waymark.survey.security;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The workspace's first page after signing in: the studies the account has a role in, each linking to
 * its overview (studies.StudyPages), and the way to upload a new one.
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
