package org.waymark.survey.studies;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.web.ApiProblemException;

/**
 * A study's overview in the workspace: its versions, each with a preview, and for its owners the buttons
 * that publish the newest draft, close the study and upload a new version. Publishing and closing go
 * through {@link StudyService}, as the API's do, after the owner ticks a box to confirm.
 */
@Controller
class StudyPages {

    static final String OVERVIEW = "/workspace/studies/{id}";
    static final String PUBLISH = "/workspace/studies/{id}/publish";
    static final String CLOSE = "/workspace/studies/{id}/close";

    private final StudyService studies;
    private final StudyNavigation navigation;

    StudyPages(StudyService studies, StudyNavigation navigation) {
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping(OVERVIEW)
    String overview(
            @PathVariable String id,
            @RequestParam(name = "done", required = false) String done,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("notice", notice(done));
        return page(id, me, Map.of(), model, response);
    }

    @PostMapping(PUBLISH)
    String publish(
            @PathVariable String id,
            @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        if (!confirmed) {
            return unconfirmed(id, me, "confirm-publish", "publish this version", model, response);
        }
        return change(id, me, () -> studies.publish(id, me.getName()), "published", model, response);
    }

    @PostMapping(CLOSE)
    String close(
            @PathVariable String id,
            @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        if (!confirmed) {
            return unconfirmed(id, me, "confirm-close", "close the study", model, response);
        }
        return change(id, me, () -> studies.close(id, me.getName()), "closed", model, response);
    }

    /** The overview again, asking to tick the box that confirms {@code what}. */
    private String unconfirmed(
            String id, Authentication me, String box, String what, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(id, me, Map.of(box, "Tick the box to confirm that you want to " + what), model, response);
    }

    /** Makes a confirmed change, then the overview says it is done; a refusal is shown in its own words. */
    private String change(
            String id, Authentication me, Runnable action, String done, Model model, HttpServletResponse response) {
        try {
            action.run();
        } catch (ApiProblemException refused) {
            response.setStatus(refused.status().value());
            return page(id, me, Map.of("actions", refused.getMessage()), model, response);
        }
        return "redirect:/workspace/studies/" + id + "?done=" + done;
    }

    private String page(
            String id, Authentication me, Map<String, String> errors, Model model, HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        List<StudyService.StudyVersion> versions = studies.versions(id);
        StudyService.StudyVersion newest = versions.isEmpty() ? null : versions.getFirst();
        boolean manages = navigation.allows(me, "POST", PUBLISH, id);
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("versions", versions);
        model.addAttribute("draft", newest != null && newest.draft() ? newest : null);
        model.addAttribute("mayPublish", manages && newest != null && newest.draft());
        model.addAttribute("mayClose", manages && study.status().equals("published"));
        model.addAttribute("mayUpload", navigation.allows(me, "GET", DefinitionPages.NEW_VERSION, id));
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "workspace/study";
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "created" -> "Your study is uploaded as a draft. Preview it, then publish it when it is ready.";
            case "uploaded" -> "The new version is uploaded as a draft. Preview it, then publish it when it is ready.";
            case "replaced" -> "The draft is replaced with the definition you sent.";
            case "published" -> "The study is published: participants can take part in this version now.";
            case "closed" -> "The study is closed: nobody new can take part. The answers given stay for analysis.";
            default -> null;
        };
    }
}
