package org.waymark.survey.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.waymark.survey.MovableClock;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * The application with the default rule that site admins must have a second factor (the shared test
 * configuration switches it off so that other tests may use HTTP Basic as the admin), and with sessions
 * short enough to watch them end: idle after 3 seconds, in any case 8 seconds after sign-in, and a clock
 * that tests can move on ({@link MovableClock}). One context, shared by the classes that carry this
 * annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WaymarkIntegrationTest
@Import(MovableClock.Setup.class)
@TestPropertySource(
        properties = {
            "waymark.security.totp.required-for-admins=true",
            "waymark.security.session.idle-timeout=3s",
            "waymark.security.session.absolute-timeout=8s"
        })
@interface DefaultSignInRules {}
