package org.waymark.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.waymark.survey.studies.TestDefinitions;

/**
 * Runs after every other test class of the run (junit-platform.properties orders classes by
 * {@link Order}) and reads the log the whole run wrote: no canary word that any test planted in an
 * answer may be in it. {@link LogCanaryTests} sends canaries through every way in on purpose; this
 * catches the ones the rest of the suite planted along the way. It plants one of its own too, so that
 * run alone it still has something to look for.
 */
@WaymarkIntegrationTest
@Order(Integer.MAX_VALUE)
class WholeRunLogCanaryTests {

    private static final String STUDY = "whole-run-canary-study";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void noCanaryPlantedAnywhereInTheRunReachesTheLog() throws Exception {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post("/api/studies/" + STUDY + "/publish", "");
        var reply = TestApi.on(port)
                .respond(STUDY, "\"adult\": \"yes\", \"recovery_meaning\": \"" + Canaries.next() + "\"", true);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        Path log = Path.of(environment.getRequiredProperty("logging.file.name"));
        String text = Files.readString(log, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);

        assertThat(text).as("the run's log has lines to look through").contains("started");
        System.out.printf(
                "The run planted %d canary words; its log holds %,d characters.%n", Canaries.planted(), text.length());
        assertThat(text).doesNotContain(Canaries.PREFIX);
    }
}
