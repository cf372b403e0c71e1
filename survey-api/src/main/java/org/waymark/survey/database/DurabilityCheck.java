package org.waymark.survey.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waymark acknowledges a submission only after it is committed, which is only a promise if MariaDB
 * flushes its log at every commit. Under the {@code production} profile, Waymark refuses to start
 * without that; elsewhere it warns.
 */
@Component
class DurabilityCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);

    private final JdbcClient jdbc;
    private final Environment environment;

    DurabilityCheck(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        int flush = jdbc.sql("SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")
                .query(Integer.class)
                .single();
        if (flush == 1) {
            return;
        }
        String problem = "MariaDB's innodb_flush_log_at_trx_commit is " + flush
                + ", so a crash could lose submissions Waymark has already acknowledged. Set it to 1.";
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new UnsafeDatabaseSettingException(problem);
        }
        log.warn("{} Under the production profile Waymark would refuse to start.", problem);
    }

    static final class UnsafeDatabaseSettingException extends DatabaseUnusableException {
        private static final long serialVersionUID = 1L;

        UnsafeDatabaseSettingException(String message) {
            super(message);
        }
    }
}
