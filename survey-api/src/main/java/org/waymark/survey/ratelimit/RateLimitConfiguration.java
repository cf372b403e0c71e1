package org.waymark.survey.ratelimit;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.waymark.survey.WaymarkProperties;

/** Registers the rate limits unless {@code waymark.rate-limits.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "waymark.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    /** Before Spring Security (order -100), so a refused request costs no password check. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimits(WaymarkProperties properties) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(properties.rateLimits()));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(-200);
        return registration;
    }
}
