package org.waymark.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A clock running as usual, plus however far a test has moved it on: to see what a span of time does
 * (a session left idle, a gap in the change feed waited out) without waiting it out. Import {@link
 * Setup} into a test context to put one in place of the application's clock; a test that moves it puts
 * it back after.
 */
public final class MovableClock extends Clock {

    private final Clock real;
    private volatile Duration ahead = Duration.ZERO;

    private MovableClock(Clock real) {
        this.real = real;
    }

    /** The given clock, not yet moved. */
    public static MovableClock over(Clock real) {
        return new MovableClock(real);
    }

    public void moveOn(Duration span) {
        ahead = ahead.plus(span);
    }

    public void putBack() {
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
    public static class Setup {

        @Bean
        static BeanPostProcessor movableClock() {
            return WrappingBeans.wrapping(Clock.class, MovableClock.class, MovableClock::new);
        }
    }
}
