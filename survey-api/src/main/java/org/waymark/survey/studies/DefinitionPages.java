package org.waymark.survey.studies;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.web.ApiProblemException;

/**
 * Uploading a study definition from the workspace: a new study, or a new version of one. The text comes
 * from a chosen file or from the box it can be pasted into, and goes to {@link StudyService} as the API's
 * does. When it is refused, the page comes back with the text still in the box and each problem shown
 * at the line of the text it concerns ({@link DefinitionLines}), so it can be fixed and sent again.
 */
@Controller
class DefinitionPages {

    static final String NEW_STUDY = "/workspace/studies/new";
    static final String NEW_VERSION = "/workspace/studies/{id}/versions/new";

    /** A problem in the summary at the top of the page, linking to where it is shown. */
    record Problem(String href, String text) {}

    private final StudyService studies;
    private final StudyNavigation navigation;

    DefinitionPages(StudyService studies, StudyNavigation navigation) {
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping(NEW_STUDY)
    String newStudy(Principal me, Model model) {
        return form(me, null, "", null, List.of(), model);
    }

    @PostMapping(NEW_STUDY)
    String createStudy(
            @RequestParam(name = "definition", defaultValue = "") String pasted,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal me,
            Model model,
            HttpServletResponse response) {
        Sent sent = Sent.of(file, pasted);
        if (sent.problem() != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(me, null, sent.text(), null, List.of(new Problem("#definition", sent.problem())), model);
        }
        try {
            var created = studies.create(sent.text(), me.getName());
            return "redirect:/workspace/studies/" + created.id() + "?done=created";
        } catch (InvalidDefinitionException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return refused(me, null, sent.text(), invalid.errors(), model);
        } catch (ApiProblemException refused) {
            // The one refusal of a valid definition: its id is taken. Shown at the id, in the page's words.
            response.setStatus(refused.status().value());
            return refused(
                    me,
                    null,
                    sent.text(),
                    List.of(new DefinitionError(
                            "$.id",
                            "is the id of a study that exists already. Choose another id; or, to change that"
                                    + " study, upload a new version from its page.")),
                    model);
        }
    }

    @GetMapping(NEW_VERSION)
    String newVersion(@PathVariable String id, Authentication me, Model model, HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/versions/new").orElse(null);
        List<StudyService.StudyVersion> versions = studies.versions(id);
        if (study == null || versions.isEmpty()) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        // The newest version's text, to change here, saves finding the file it was uploaded from.
        String newest = studies.versionJson(id, versions.getFirst().version());
        return form(me, study, newest, null, List.of(), model);
    }

    @PostMapping(NEW_VERSION)
    String uploadVersion(
            @PathVariable String id,
            @RequestParam(name = "definition", defaultValue = "") String pasted,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/versions/new").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        Sent sent = Sent.of(file, pasted);
        if (sent.problem() != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(me, study, sent.text(), null, List.of(new Problem("#definition", sent.problem())), model);
        }
        try {
            var uploaded = studies.uploadVersion(id, sent.text(), me.getName());
            return "redirect:/workspace/studies/" + id + "?done=" + (uploaded.created() ? "uploaded" : "replaced");
        } catch (InvalidDefinitionException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return refused(me, study, sent.text(), invalid.errors(), model);
        }
    }

    private String refused(Principal me, StudyHeader study, String text, List<DefinitionError> errors, Model model) {
        DefinitionLines.Listing listing = DefinitionLines.of(text, errors);
        List<Problem> problems = listing.errors().stream()
                .map(error -> new Problem(
                        "#line-" + error.line(), "Line " + error.line() + ", " + error.path() + ": " + error.message()))
                .toList();
        return form(me, study, text, listing, problems, model);
    }

    private static String form(
            Principal me,
            StudyHeader study,
            String text,
            DefinitionLines.Listing listing,
            List<Problem> problems,
            Model model) {
        model.addAttribute("username", me.getName());
        // Set here: a fragment's parameters may not hold the word for making objects, even inside quotes.
        model.addAttribute(
                "pageTitle",
                (problems.isEmpty() ? "" : "Error: ")
                        + (study == null ? "Upload a new study" : "Upload a new version of " + study.studyId()));
        model.addAttribute("study", study);
        model.addAttribute("action", study == null ? NEW_STUDY : NEW_VERSION.replace("{id}", study.studyId()));
        model.addAttribute("definition", text);
        model.addAttribute("listing", listing);
        model.addAttribute("problems", problems);
        model.addAttribute("inputProblem", listing == null && !problems.isEmpty() ? problems.getFirst() : null);
        return "workspace/study-upload";
    }

    /** The definition as sent: a chosen file's text, or else the text in the box. */
    private record Sent(String text, String problem) {

        static Sent of(MultipartFile file, String pasted) {
            if (file != null && !file.isEmpty()) {
                try {
                    String text = StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(file.getBytes()))
                            .toString();
                    // A byte order mark some editors write first is not part of the JSON.
                    return new Sent(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
                } catch (CharacterCodingException e) {
                    return new Sent(
                            pasted,
                            "The file is not UTF-8 text. Save it as UTF-8 in your editor and choose"
                                    + " it again, or paste its text into the box.");
                } catch (IOException e) {
                    return new Sent(pasted, "The file could not be read. Choose it again, or paste its text.");
                }
            }
            if (pasted.isBlank()) {
                return new Sent(pasted, "Choose a file with the study definition, or paste its text into the box");
            }
            return new Sent(pasted, null);
        }
    }
}
