package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.waymark.survey.WaymarkProperties;

/** Failed sign-ins slow further tries, per account and per address, doubling up to a ceiling. */
class SignInThrottleTests {

    private static final String HOME = "192.0.2.1";
    private static final String ELSEWHERE = "198.51.100.7";

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void pass(Duration time) {
            now = now.plus(time);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final SignInThrottle throttle = new SignInThrottle(
            new WaymarkProperties(
                    Path.of("unused"),
                    null,
                    null,
                    null,
                    new WaymarkProperties.SignIn(5, 20, Duration.ofMinutes(15)),
                    null,
                    null),
            clock);

    @Test
    void letsAnAccountFailFiveTimesThenDoublesTheWait() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", HOME);
        }
        assertThat(throttle.wait("alice", HOME)).isEmpty();
        throttle.failed("alice", HOME);
        assertThat(throttle.wait("alice", HOME)).contains(Duration.ofSeconds(1));
        assertThat(throttle.wait("alice", ELSEWHERE))
                .as("the account is slowed from any address")
                .contains(Duration.ofSeconds(1));
        throttle.failed("alice", HOME);
        assertThat(throttle.wait("alice", HOME)).contains(Duration.ofSeconds(2));
        throttle.failed("alice", HOME);
        assertThat(throttle.wait("alice", HOME)).contains(Duration.ofSeconds(4));
        clock.pass(Duration.ofSeconds(4));
        assertThat(throttle.wait("alice", HOME)).isEmpty();
        assertThat(throttle.wait("bob", ELSEWHERE)).as("others are not slowed").isEmpty();
    }

    @Test
    void waitsAtMostTheLongestWait() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("alice", HOME);
        }
        assertThat(throttle.wait("alice", ELSEWHERE)).contains(Duration.ofMinutes(15));
    }

    @Test
    void clearsTheAccountOnSuccessButNotTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, HOME);
        }
        throttle.succeeded("user19");
        assertThat(throttle.wait("someone-new", HOME))
                .as("twenty failures from one address, for any accounts")
                .contains(Duration.ofSeconds(1));
        assertThat(throttle.wait("someone-new", ELSEWHERE)).isEmpty();
    }

    @Test
    void forgetsFailuresAfterAnHour() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("alice", HOME);
        }
        clock.pass(SignInThrottle.MEMORY.plusSeconds(1));
        throttle.failed("alice", HOME);
        assertThat(throttle.wait("alice", HOME)).as("one recent failure only").isEmpty();
    }
}
