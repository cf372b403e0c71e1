package org.waymark.survey.robustness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded MariaDB killed with SIGKILL while submissions are arriving. For the five seconds it is
 * down, every request is answered 500 or 503 with Problem Details (no stack trace, class name or SQL),
 * never 2xx. Waymark is then stopped and started again on the same data, and everything acknowledged
 * before the kill is there and complete ({@link CrashScenario}). One kill in every build; {@code
 * -Pbenchmark} runs {@code -Dwaymark.crash.kills=} of them (10 by default).
 */
class DatabaseCrashTests {

    @Test
    void answersPlainlyDuringTheOutageAndKeepsEverythingAcknowledged() throws Exception {
        CrashScenario.run("database", CrashScenario.Kill.DATABASE, 1);
    }

    @Test
    @Tag("benchmark")
    void longForm() throws Exception {
        CrashScenario.run("database-long", CrashScenario.Kill.DATABASE, Integer.getInteger("waymark.crash.kills", 10));
    }
}
