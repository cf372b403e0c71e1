package org.waymark.survey.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.waymark.survey.WaymarkProperties;

/**
 * Runs Waymark on its embedded MariaDB unless {@code spring.datasource.url} names an external one. The
 * server starts before the DataSource and, because the DataSource depends on it, stops after the pool
 * has closed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(WaymarkProperties properties) {
        return EmbeddedMariaDb.start(properties.dataDir());
    }

    /**
     * Built here rather than by Spring Boot, which steps back when a DataSource bean exists, so the pool
     * settings ({@code spring.datasource.hikari.*}) must be bound here as Boot binds them.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedMariaDb server, DataSourceProperties properties) {
        properties.setUrl(server.jdbcUrl());
        properties.setUsername(EmbeddedMariaDb.USER);
        properties.setPassword("");
        return properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
    }
}
