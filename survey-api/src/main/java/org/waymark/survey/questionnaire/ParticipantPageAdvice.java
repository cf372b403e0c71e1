package org.waymark.survey.questionnaire;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.waymark.survey.web.ApiProblemException;

/** Problems on participant pages are shown as kind pages, not as API errors. */
@ControllerAdvice(assignableTypes = QuestionnaireController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ParticipantPageAdvice {

    private static final Logger log = LoggerFactory.getLogger(ParticipantPageAdvice.class);

    @ExceptionHandler(JourneyExpiredException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String expired(JourneyExpiredException e, Model model) {
        model.addAttribute("studyId", e.studyId());
        return "participant/expired";
    }

    /** An address with a part of the wrong kind, such as {@code /sections/two}, names no page. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String noSuchPage() {
        return "participant/not-found";
    }

    @ExceptionHandler(ApiProblemException.class)
    String problem(ApiProblemException e, Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(e.status().value());
        if (e.status() == HttpStatus.NOT_FOUND) {
            return "participant/not-found";
        }
        model.addAttribute(
                "title",
                e.status() == HttpStatus.CONFLICT
                        ? "This study is not taking part now"
                        : "Sorry, we could not do that");
        model.addAttribute("message", e.getMessage());
        return "participant/problem";
    }

    /** Logged by reference only: no stack trace, and never the address, which may hold a code. */
    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e, Model model) {
        String reference = java.util.UUID.randomUUID().toString();
        log.error("Unexpected failure {} on a participant page", reference);
        model.addAttribute("title", "Sorry, something went wrong");
        model.addAttribute(
                "message",
                "Your answers so far are safe if you saved them. Please try again. If it keeps"
                        + " happening, tell the study team this reference: " + reference + ".");
        return "participant/problem";
    }
}
