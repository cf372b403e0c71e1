package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * The pool on the embedded MariaDB takes its settings from {@code spring.datasource.hikari.*}. It once
 * did not: the pool ran with Hikari's defaults (10 connections, 30 seconds to wait for one), whatever
 * application.yaml said, which the database crash test found when requests waited 30 seconds.
 */
@WaymarkIntegrationTest
class EmbeddedDatabaseConfigurationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void takesThePoolSettingsFromTheConfiguration() {
        assertThat(dataSource)
                .isInstanceOfSatisfying(
                        HikariDataSource.class,
                        pool -> assertThat(pool.getMaximumPoolSize())
                                .as("maximum-pool-size in application.yaml")
                                .isEqualTo(20));
    }
}
