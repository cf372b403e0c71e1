package org.waymark.survey.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every workspace page's header needs to know: whether the viewer is the site admin. */
@ControllerAdvice(annotations = Controller.class)
class WorkspaceModel {

    @ModelAttribute("siteAdmin")
    boolean siteAdmin(Authentication viewer) {
        return viewer != null && !(viewer instanceof AnonymousAuthenticationToken) && StudyAccess.isSiteAdmin(viewer);
    }
}
