package org.waymark.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.thymeleaf.exceptions.TemplateInputException;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * A failure outside a controller is logged in Waymark's words only: the servlet container's own report
 * (its message names exception classes) is off, and ErrorPages says which template failed, if one did.
 */
@WaymarkIntegrationTest
class FailureLogTests {

    @Test
    void theContainersOwnReportOfAnEscapedExceptionIsOff() {
        var containerReport = LoggerFactory.getLogger(
                "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]");
        assertThat(containerReport.isErrorEnabled()).isFalse();
    }

    @Test
    void aTemplateFailureIsDescribedByItsTemplateAndLineWithoutClassNames() {
        var failure = new ServletException(
                "Request processing failed: org.thymeleaf.exceptions.TemplateInputException",
                new TemplateInputException("An error happened during template parsing", "workspace/people", 12, 5));
        String where = ErrorPages.where(failure);
        assertThat(where).isEqualTo(" while rendering the page template workspace/people, line 12");
        assertThat(ErrorPages.where(new IllegalStateException("org.example.Secret failed")))
                .isEmpty();
        assertThat(ErrorPages.where(null)).isEmpty();
    }
}
