package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.waymark.survey.WaymarkIntegrationTest;

@WaymarkIntegrationTest
class DurabilityCheckTests {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreTheSafeSetting() {
        jdbc.sql("SET GLOBAL innodb_flush_log_at_trx_commit = 1").update();
    }

    private static MockEnvironment profile(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void acceptsFlushingAtEveryCommit() {
        assertThatCode(() -> new DurabilityCheck(jdbc, profile("production")).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToStartInProductionWhenCommitsAreNotFlushed() {
        jdbc.sql("SET GLOBAL innodb_flush_log_at_trx_commit = 2").update();
        assertThatThrownBy(() -> new DurabilityCheck(jdbc, profile("production")).afterPropertiesSet())
                .isInstanceOf(DurabilityCheck.UnsafeDatabaseSettingException.class)
                .hasMessageContaining("innodb_flush_log_at_trx_commit is 2")
                .hasMessageContaining("Set it to 1");
    }

    @Test
    void explainsTheRefusalWithoutAStackTrace() {
        var refusal = new org.springframework.beans.factory.BeanCreationException(
                "durabilityCheck", new DurabilityCheck.UnsafeDatabaseSettingException("Set it to 1."));
        var analysis = new StartupFailureAnalyzer().analyze(refusal);
        org.assertj.core.api.Assertions.assertThat(analysis.getDescription()).isEqualTo("Set it to 1.");
    }

    @Test
    void onlyWarnsOutsideProduction() {
        jdbc.sql("SET GLOBAL innodb_flush_log_at_trx_commit = 0").update();
        assertThatCode(() -> new DurabilityCheck(jdbc, profile("default")).afterPropertiesSet())
                .doesNotThrowAnyException();
    }
}
