package org.waymark.survey.contacts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * The optional follow-up form after submitting: a plain page that works without JavaScript, for the
 * participant whose session just submitted a response. What they type is never logged or echoed back
 * except into their own form when it needs fixing.
 */
@Controller
class FollowUpController {

    private final StudyService studies;
    private final FollowUpContacts contacts;

    FollowUpController(StudyService studies, FollowUpContacts contacts) {
        this.studies = studies;
        this.contacts = contacts;
    }

    @GetMapping("/s/{studyId}/follow-up")
    String form(@PathVariable String studyId, HttpSession session, Model model, HttpServletResponse response) {
        Optional<ValidatedDefinition> study = offering(studyId, session);
        if (study.isEmpty()) {
            return noOffer(model, response);
        }
        return formPage(study.get(), "", null, model);
    }

    @PostMapping("/s/{studyId}/follow-up")
    String leave(
            @PathVariable String studyId,
            @RequestParam(defaultValue = "") String contact,
            HttpSession session,
            Model model,
            HttpServletResponse response) {
        Optional<ValidatedDefinition> study = offering(studyId, session);
        Optional<FollowUpOffer> offer = FollowUpOffer.of(session, studyId);
        if (study.isEmpty() || offer.isEmpty()) {
            return noOffer(model, response);
        }
        ContactAddress.Checked checked = ContactAddress.check(contact);
        if (checked.address().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String kept = contact.length() > ContactAddress.MAX_LENGTH
                    ? contact.substring(0, ContactAddress.MAX_LENGTH)
                    : contact;
            return formPage(study.get(), kept, checked.problem(), model);
        }
        boolean saved = contacts.save(
                studyId, offer.get().responseId(), checked.address().get());
        FollowUpOffer.usedUp(session);
        if (!saved) {
            return noOffer(model, response);
        }
        model.addAttribute("study", study.get());
        return "participant/follow-up-saved";
    }

    /** The study, if this session was offered follow-up in it and contact details can be kept. */
    private Optional<ValidatedDefinition> offering(String studyId, HttpSession session) {
        if (FollowUpOffer.of(session, studyId).isEmpty() || !contacts.available()) {
            return Optional.empty();
        }
        try {
            ValidatedDefinition study = studies.published(studyId).definition();
            return study.definition().offersFollowUp() ? Optional.of(study) : Optional.empty();
        } catch (ApiProblemException e) {
            return Optional.empty();
        }
    }

    private static String formPage(ValidatedDefinition study, String contact, String error, Model model) {
        model.addAttribute("study", study);
        model.addAttribute("contact", contact);
        model.addAttribute("error", error);
        return "participant/follow-up";
    }

    private static String noOffer(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("title", "This page is no longer open");
        model.addAttribute(
                "message",
                "Contact details can only be left straight after sending your answers, in the same browser"
                        + " session. Your answers are safe. If you want the study team to contact you, use the"
                        + " contact details on the study's information page.");
        return "participant/problem";
    }
}
