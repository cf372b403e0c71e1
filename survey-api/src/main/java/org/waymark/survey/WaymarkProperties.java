package org.waymark.survey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Waymark's own settings, under {@code waymark.*}. Documented in docs/configuration.md.
 *
 * @param dataDir where Waymark keeps its files: the embedded database, later the search index
 * @param demo the synthetic demo study
 * @param drafts saved, unsubmitted responses
 * @param search the search index of free-text answers
 * @param signIn how failed sign-ins are slowed down
 * @param rateLimits how many requests of each sensitive kind one client address may make
 * @param retention how long a study's data is kept after its end date
 */
@ConfigurationProperties("waymark")
@Validated
public record WaymarkProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @DefaultValue Demo demo,
        @Valid @DefaultValue Drafts drafts,
        @Valid @DefaultValue Search search,
        @Valid @DefaultValue SignIn signIn,
        @Valid @DefaultValue RateLimits rateLimits,
        @Valid @DefaultValue Retention retention) {

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

    /**
     * @param indexName this instance's name for its index; each instance keeps its own index and its own
     *     place in the change feed (docs/scaling.md)
     * @param timeLimit how long one search may run before it returns what it found so far
     * @param applyEvery how often the index takes in new submissions and withdrawals
     * @param batchSize how many changes it takes in at a time
     * @param rebuildAtStart build the index afresh from the database at start-up
     */
    public record Search(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") @DefaultValue("local")
            String indexName,

            @NotNull @DefaultValue("2s") Duration timeLimit,
            @NotNull @DefaultValue("1s") Duration applyEvery,
            @Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
            @DefaultValue("false") boolean rebuildAtStart) {}

    /**
     * @param accountAllowance failed sign-ins for one account before each further try must wait
     * @param addressAllowance failed sign-ins from one address (for any accounts) before it must wait
     * @param longestWait the longest wait; it doubles with each failure past the allowance, from 1 second
     */
    public record SignIn(
            @Min(1) @Max(1000) @DefaultValue("5") int accountAllowance,
            @Min(1) @Max(100_000) @DefaultValue("20") int addressAllowance,
            @NotNull @DefaultValue("15m") Duration longestWait) {}

    /**
     * Requests a minute from one client address, per kind. The address is the connection's, or the one
     * a trusted proxy forwards when {@code server.forward-headers-strategy} is set.
     *
     * @param enabled whether requests are limited at all
     * @param submissionsPerMinute new responses and submissions, through the API and the pages
     * @param draftAccessPerMinute anything that takes a resume or receipt code, so codes cannot be guessed
     * @param searchesPerMinute free-text searches
     * @param signInsPerMinute sign-in attempts, and HTTP Basic requests refused for their password
     * @param clientsTracked at most this many client addresses are remembered; the idlest are forgotten
     * @param forgetAfter a client address unseen for this long is forgotten
     */
    public record RateLimits(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("30") int submissionsPerMinute,
            @Min(1) @DefaultValue("20") int draftAccessPerMinute,
            @Min(1) @DefaultValue("60") int searchesPerMinute,
            @Min(1) @DefaultValue("10") int signInsPerMinute,

            @Min(100) @Max(10_000_000) @DefaultValue("100000")
            int clientsTracked,

            @NotNull @DefaultValue("10m") Duration forgetAfter) {}

    /**
     * @param warnDaysBefore how many days before a study's data is deleted its owners are warned
     * @param checkEvery how often studies past their end date are looked for
     */
    public record Retention(
            @Min(1) @Max(365) @DefaultValue("14") int warnDaysBefore,
            @NotNull @DefaultValue("1h") Duration checkEvery) {}
}
