package org.waymark.survey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Waymark's own settings, under {@code waymark.*}. Documented in docs/configuration.md.
 *
 * @param dataDir where Waymark keeps its files: the embedded database, later the search index
 * @param demo the synthetic demo study
 * @param drafts saved, unsubmitted responses
 */
@ConfigurationProperties("waymark")
@Validated
public record WaymarkProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @DefaultValue Demo demo,
        @Valid @DefaultValue Drafts drafts) {

    /**
     * @param enabled whether the synthetic demo study is loaded at first start
     * @param participants how many synthetic participants it holds
     * @param seed the generator's seed, so the demo is the same on every machine
     */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @Min(0) @Max(100_000) @DefaultValue("300") int participants,
            @DefaultValue("20131102") long seed) {}

    /** @param expireAfterDays how long unsubmitted answers are kept before they are deleted */
    public record Drafts(
            @Min(1) @Max(365) @DefaultValue("30") int expireAfterDays) {}
}
