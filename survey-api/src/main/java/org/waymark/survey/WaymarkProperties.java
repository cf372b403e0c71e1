package org.waymark.survey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Waymark's own settings, under {@code waymark.*}. Documented in docs/configuration.md.
 *
 * @param dataDir where Waymark keeps its files: the embedded database, later the search index
 * @param demo the synthetic demo study
 */
@ConfigurationProperties("waymark")
public record WaymarkProperties(
        @DefaultValue("./data") Path dataDir, @DefaultValue Demo demo) {

    /**
     * @param enabled whether the synthetic demo study is loaded at first start
     * @param participants how many synthetic participants it holds
     * @param seed the generator's seed, so the demo is the same on every machine
     */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @Min(0) @Max(100_000) @DefaultValue("300") int participants,
            @DefaultValue("20131102") long seed) {}
}
