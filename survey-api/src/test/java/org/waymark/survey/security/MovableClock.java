package org.waymark.survey.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application's own clock, running as usual, plus however far a test has moved it on: to see what
 * a span of time does (a session left idle) without waiting it out. Import {@link Setup} into a test
 * context to put it in place of the application's clock; a test that moves it puts it back after.
 */
final class MovableClock extends Clock {

    private final Clock real;
    private volatile Duration ahead = Duration.ZERO;

    private MovableClock(Clock real) {
        this.real = real;
    }

    void moveOn(Duration span) {
        ahead = ahead.plus(span);
    }

    void putBack() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return real.instant().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return real.withZone(zone);
    }

    /** Wraps the application's clock as it is made, so that every bean that reads the time reads this one. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {

        @Bean
        static BeanPostProcessor movableClock() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof Clock real && !(bean instanceof MovableClock)
                            ? new MovableClock(real)
                            : bean;
                }
            };
        }
    }
}
