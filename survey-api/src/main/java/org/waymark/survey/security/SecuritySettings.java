package org.waymark.survey.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in to the workspace pages, under {@code waymark.security.*}. Documented in docs/configuration.md.
 *
 * @param session how long a signed-in session lasts
 * @param totp who must have a second factor
 */
@ConfigurationProperties("waymark.security")
@Validated
record SecuritySettings(
        @Valid @DefaultValue Session session,
        @Valid @DefaultValue Factors totp) {

    /**
     * @param idleTimeout a session unused for this long ends
     * @param absoluteTimeout a session ends this long after sign-in, however busy
     */
    record Session(
            @NotNull @DefaultValue("30m") Duration idleTimeout,
            @NotNull @DefaultValue("8h") Duration absoluteTimeout) {}

    /**
     * @param requiredForAdmins site admins must set up a second factor before they can use the pages, and
     *     cannot use HTTP Basic (the first account, {@code admin}, included)
     * @param requiredForEveryone every account must set up a second factor before it can use the pages
     */
    record Factors(
            @DefaultValue("true") boolean requiredForAdmins,
            @DefaultValue("false") boolean requiredForEveryone) {}
}
