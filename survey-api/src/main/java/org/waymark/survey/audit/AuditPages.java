package org.waymark.survey.audit;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;

/** The audit trail of a study as a page, for its owners (and the site admin), newest first. */
@Controller
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditTrail trail;
    private final StudyNavigation navigation;

    AuditPages(AuditTrail trail, StudyNavigation navigation) {
        this.trail = trail;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/audit")
    String audit(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int page,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/audit").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("study", study);
        model.addAttribute("studyId", id);
        model.addAttribute("trail", trail.of(id, Math.max(page, 0), PAGE_SIZE));
        return "workspace/audit";
    }
}
