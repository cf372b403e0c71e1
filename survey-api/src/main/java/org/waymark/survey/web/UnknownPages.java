package org.waymark.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address outside the API that no page answers (or that a page answers only for another method,
 * such as a bookmarked form result) goes to the error page, which shows a browser an HTML page. The
 * API's own unknown addresses stay with {@link ApiExceptionHandler}. This resolver runs before the
 * {@code @ExceptionHandler}s, which would otherwise answer every path with Problem Details.
 */
@Configuration(proxyBeanMethods = false)
class UnknownPages implements WebMvcConfigurer {

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(UnknownPages::resolve);
    }

    private static ModelAndView resolve(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (ErrorPages.isApi(request.getRequestURI())) {
            return null;
        }
        try {
            if (e instanceof NoResourceFoundException) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return new ModelAndView();
            }
            if (e instanceof HttpRequestMethodNotSupportedException method) {
                if (method.getSupportedMethods() != null) {
                    response.setHeader(
                            HttpHeaders.ALLOW, StringUtils.arrayToCommaDelimitedString(method.getSupportedMethods()));
                }
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return new ModelAndView();
            }
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return null;
    }
}
