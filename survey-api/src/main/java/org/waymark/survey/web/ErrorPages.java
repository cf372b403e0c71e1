package org.waymark.survey.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests refused before or outside a controller: an unknown address, a form refused for its
 * CSRF token, an error in the servlet container. A browser asking for a page gets a kind page in the
 * participant style; an API client, or anything not asking for HTML, gets Problem Details. It replaces
 * Spring Boot's error controller, so neither its whitelabel page nor its error map is ever shown.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();
    private static final Pattern STUDY_PAGE = Pattern.compile("/s/([A-Za-z0-9_-]{1,64})(/.*)?");
    private static final List<MediaType> PAGES = List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML);

    private final StudyService studies;

    ErrorPages(StudyService studies) {
        this.studies = studies;
    }

    /**
     * Renders a page, or writes Problem Details itself and returns {@code null}, which tells Spring MVC
     * that the response is complete.
     */
    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request);
        String path = originalPath(request);
        boolean csrf = request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
        String reference = null;
        if (status.is5xxServerError()) {
            reference = UUID.randomUUID().toString();
            // Never the address, which may hold a participant's code, nor the exception, whose message
            // names classes: the servlet container's own report of it is switched off (application.yaml).
            log.error(
                    "Unexpected failure {} outside a controller ({} request){}",
                    reference,
                    request.getMethod(),
                    where(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)));
        }
        if (isPageRequest(path, request.getHeader(HttpHeaders.ACCEPT))) {
            return page(status, csrf, path, reference);
        }
        ProblemDetail problem = problem(status, csrf, request.getMethod(), reference);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
        return null;
    }

    /**
     * Where a failure happened, in words safe for the log: the template and line when a page failed
     * to render (a template's name is a file in this repository, never a participant's data), else
     * nothing.
     */
    static String where(Object failure) {
        for (Throwable cause = failure instanceof Throwable t ? t : null; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateProcessingException template && template.getTemplateName() != null) {
                return " while rendering the page template " + template.getTemplateName()
                        + (template.getLine() == null ? "" : ", line " + template.getLine());
            }
        }
        return "";
    }

    /**
     * A browser asking for a page at an address outside the API. Browsers name {@code text/html} when
     * they open a page; a wildcard alone is not enough, so scripts and API clients get Problem Details.
     */
    static boolean isPageRequest(String path, String accept) {
        if (isApi(path) || accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0
                            && PAGES.stream().anyMatch(page -> page.equalsTypeAndSubtype(type)));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The API and the actuator, whose clients always get Problem Details. */
    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/actuator");
    }

    private ModelAndView page(HttpStatus status, boolean csrf, String path, String reference) {
        if (isWorkspace(path)) {
            return workspacePage(status, csrf, reference);
        }
        if (status == HttpStatus.FORBIDDEN && csrf) {
            ModelAndView page = new ModelAndView("participant/form-expired", status);
            page.addObject("study", study(path));
            return page;
        }
        if (status == HttpStatus.NOT_FOUND || status == HttpStatus.METHOD_NOT_ALLOWED) {
            return new ModelAndView("participant/not-found", status);
        }
        ModelAndView page = new ModelAndView("participant/problem", status);
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            page.addObject("title", "Please wait a minute");
            page.addObject(
                    "message",
                    "Too many tries came from this connection in a short time, so we are pausing it. Answers"
                            + " you saved are safe. Please wait a minute, then go back and try again.");
            return page;
        }
        page.addObject("title", "Sorry, something went wrong");
        page.addObject(
                "message",
                reference == null
                        ? "We could not open this page. Please go back and try again."
                        : "Your answers so far are safe if you saved them. Please try again. If it keeps"
                                + " happening, tell the study team this reference: " + reference + ".");
        return page;
    }

    /** The researchers' pages: signing in, the workspace, signing out. */
    static boolean isWorkspace(String path) {
        return path.equals("/sign-in")
                || path.startsWith("/sign-in/")
                || path.equals("/sign-out")
                || path.equals("/workspace")
                || path.startsWith("/workspace/");
    }

    private static ModelAndView workspacePage(HttpStatus status, boolean csrf, String reference) {
        ModelAndView page = new ModelAndView("workspace/problem", status);
        String title;
        String message;
        if (status == HttpStatus.FORBIDDEN && csrf) {
            title = "Sorry, that form had expired";
            message = "The page was open for a long time, or your session ended. Nothing was changed. Open the"
                    + " page again and send the form from it.";
        } else if (status == HttpStatus.FORBIDDEN) {
            title = "You cannot open this page";
            message = "Your account may not open this page. If you need to, ask the study's owner or the site admin.";
        } else if (status == HttpStatus.NOT_FOUND || status == HttpStatus.METHOD_NOT_ALLOWED) {
            title = "Page not found";
            message = "There is nothing at this address. Check it, or start from your studies.";
        } else if (status == HttpStatus.TOO_MANY_REQUESTS) {
            title = "Please wait a minute";
            message = "Too many tries came from this connection in a short time. Please wait a minute, then try"
                    + " again.";
        } else {
            title = "Sorry, something went wrong";
            message = reference == null
                    ? "We could not open this page. Please go back and try again."
                    : "Please try again. If it keeps happening, tell your site admin this reference: " + reference
                            + ".";
        }
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }

    private static ProblemDetail problem(HttpStatus status, boolean csrf, String method, String reference) {
        String detail = switch (status) {
            case NOT_FOUND ->
                "There is nothing at this address. The API is under /api; GET /api/studies" + " lists the studies.";
            case METHOD_NOT_ALLOWED -> "This address does not accept " + method + ".";
            case FORBIDDEN ->
                csrf
                        ? "This form was sent without a valid CSRF token, or from a session that has"
                                + " ended. Open the page again and send the form from it."
                        : "This is not allowed.";
            case TOO_MANY_REQUESTS ->
                "Too many requests of this kind came from your address in a short time. Wait the number of"
                        + " seconds the Retry-After header gives, then try again.";
            default ->
                reference == null
                        ? "The request was refused: " + status.getReasonPhrase() + "."
                        : "Something went wrong on our side and nothing was saved. Please try again; if it"
                                + " keeps happening, tell the study team this reference: " + reference + ".";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(
                switch (status) {
                    case NOT_FOUND -> "Not found";
                    case METHOD_NOT_ALLOWED -> "Method not allowed";
                    case FORBIDDEN -> "Not allowed";
                    case TOO_MANY_REQUESTS -> "Too many requests";
                    default -> reference == null ? status.getReasonPhrase() : "Internal error";
                });
        if (reference != null) {
            problem.setProperty("reference", reference);
        }
        return problem;
    }

    /** The study whose page was refused, for its name and support lines; none if the address names none. */
    private ValidatedDefinition study(String path) {
        Matcher page = STUDY_PAGE.matcher(path);
        if (!page.matches()) {
            return null;
        }
        try {
            return studies.published(page.group(1)).definition();
        } catch (ApiProblemException e) {
            return null;
        }
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer number ? HttpStatus.resolve(number) : null;
        // Opened directly, /error itself is nothing.
        return status == null ? HttpStatus.NOT_FOUND : status;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path ? path : request.getRequestURI();
    }
}
