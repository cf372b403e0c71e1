package org.waymark.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.waymark.survey.intake.AnswerError;
import org.waymark.survey.intake.InvalidImportException;
import org.waymark.survey.intake.InvalidResponseException;
import org.waymark.survey.intake.NotEligibleException;
import org.waymark.survey.studies.InvalidDefinitionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refused request is answered with RFC 9457 Problem Details in plain words. No stack trace,
 * class name or SQL reaches the client, and none is logged: an unexpected failure is logged by a
 * reference the client also sees, so the two can be matched without exposing anything.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * Problem Details; but a researcher's browser opening a workspace address (a download, say, for a
     * study or file that does not exist) gets the workspace's problem page with the same words.
     */
    @ExceptionHandler(ApiProblemException.class)
    Object apiProblem(ApiProblemException e, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (ErrorPages.isWorkspace(path) && ErrorPages.isPageRequest(path, request.getHeader(HttpHeaders.ACCEPT))) {
            ModelAndView page = new ModelAndView("workspace/problem", e.status());
            page.addObject("title", e.title());
            page.addObject("message", e.getMessage());
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        return problem;
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ProblemDetail invalidDefinition(InvalidDefinitionException e) {
        return unprocessable(
                "Invalid study definition",
                "The study definition has " + e.errors().size()
                        + " problem(s). Each is listed under 'errors' with the JSON path where it was found.",
                e.errors());
    }

    @ExceptionHandler(InvalidResponseException.class)
    ProblemDetail invalidResponse(InvalidResponseException e) {
        return unprocessable(
                "Invalid response",
                "The response has " + e.errors().size()
                        + " problem(s). Each is listed under 'errors' with the question it concerns. Nothing was saved.",
                e.errors());
    }

    @ExceptionHandler(InvalidImportException.class)
    ProblemDetail invalidImport(InvalidImportException e) {
        return unprocessable(
                "Invalid import",
                "The file has " + e.errors().size() + " problem(s), listed under 'errors' by row and column."
                        + " Nothing was imported.",
                e.errors());
    }

    @ExceptionHandler(NotEligibleException.class)
    ProblemDetail notEligible(NotEligibleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Not eligible");
        return problem;
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Request too large");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathOrParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "'" + e.getName() + "' has a value of the wrong kind.");
        problem.setTitle("Bad request");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, NativeWebRequest request) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure {} while handling {}", reference, describe(request));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side and nothing was saved. Please try again; if it keeps"
                        + " happening, tell the study team this reference: " + reference + ".");
        problem.setTitle("Internal error");
        problem.setProperty("reference", reference);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof RequestTooLargeException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestTooLargeException tooLarge) {
            return plain(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), headers, request);
        }
        String detail = "The request body could not be read. Send a JSON object as described in the API documentation.";
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            detail = "'" + unknown.getPropertyName() + "' is not a field of this request. See the API documentation.";
        } else if (ex.getCause() instanceof JacksonException json
                && !json.getPath().isEmpty()) {
            detail = "The value at " + JsonPaths.of(json) + " is of the wrong kind. See the API documentation.";
        }
        return plain(HttpStatus.BAD_REQUEST, detail, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new AnswerError(error.getField(), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(AnswerError::question))
                .toList();
        ProblemDetail problem = unprocessable(
                "Invalid request",
                "The request is missing something or has a value out of range; see 'errors'. Nothing was saved.",
                errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return plain(
                HttpStatus.BAD_REQUEST,
                "A parameter is out of range: 'page' must be 0 or more and 'size' between 1 and 500.",
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return plain(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the body as JSON (Content-Type: application/json), or a CSV import as text/csv.",
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return plain(
                HttpStatus.METHOD_NOT_ALLOWED,
                "This address does not accept " + ex.getMethod() + ".",
                headers,
                request);
    }

    /** A 422 whose {@code errors} list every problem found, so a client can fix them all at once. */
    private static ProblemDetail unprocessable(String title, String detail, java.util.List<?> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return problem;
    }

    private ResponseEntity<Object> plain(HttpStatus status, String detail, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return handleExceptionInternal(new IllegalStateException(detail), problem, headers, status, request);
    }

    /** The method and the route's pattern, never the address itself, which may hold a participant's code. */
    private static String describe(NativeWebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            Object pattern = servlet.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            return servlet.getRequest().getMethod() + " " + (pattern == null ? "(no route)" : pattern);
        }
        return "a request";
    }
}
