package org.waymark.survey.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.web.ApiProblemException;

/** The audit trail of a study as a page, for its owners (and the site admin), newest first. */
@Controller
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditTrail trail;

    AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/workspace/studies/{id}/audit")
    String audit(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int page,
            Principal me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        try {
            model.addAttribute("studyId", id);
            model.addAttribute("trail", trail.of(id, Math.max(page, 0), PAGE_SIZE));
            return "workspace/audit";
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("title", "Page not found");
            model.addAttribute("message", "There is no study '" + id + "'. Start again from your studies.");
            return "workspace/problem";
        }
    }
}
