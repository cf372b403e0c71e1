package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Answers 401 and 403 with Problem Details, like every other refusal. */
@Component
class ProblemDetailsAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemDetailsAuthenticationHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        signInRequired(response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        forbidden(response, "Your account is not allowed to do this.");
    }

    void signInRequired(HttpServletResponse response) throws IOException {
        signInRequired(
                response,
                "This needs a researcher account. Send your username and password with HTTP Basic authentication,"
                        + " or a personal access token as 'Authorization: Bearer <token>'.");
    }

    void signInRequired(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Waymark\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Waymark\"");
        write(response, HttpStatus.UNAUTHORIZED, "Sign in required", detail);
    }

    void tooManySignIns(HttpServletResponse response, long seconds) throws IOException {
        write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-ins",
                "There have been too many failed sign-ins for this account or from this address. Wait " + seconds
                        + " seconds (see Retry-After) and try again.");
    }

    void forbidden(HttpServletResponse response, String detail) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Not allowed", detail);
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
