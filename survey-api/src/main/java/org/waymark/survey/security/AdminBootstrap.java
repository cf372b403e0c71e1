package org.waymark.survey.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start, with no accounts yet, creates the bootstrap account {@code admin}, the site
 * admin. Its password comes from the environment variable {@code WAYMARK_ADMIN_PASSWORD} (which must
 * meet the {@link PasswordPolicy}, or Waymark does not start), or is generated and printed once to the
 * console (never to the log files). The admin has no role in any study until given one.
 */
@Component
class AdminBootstrap implements InitializingBean {

    static final String ADMIN = "admin";
    static final String PASSWORD_VARIABLE = "WAYMARK_ADMIN_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final Environment environment;
    private final TransactionTemplate transaction;
    private final PasswordPolicy policy;

    AdminBootstrap(
            AccountRepository accounts,
            PasswordEncoder passwords,
            Environment environment,
            TransactionTemplate transaction,
            PasswordPolicy policy) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.environment = environment;
        this.transaction = transaction;
        this.policy = policy;
    }

    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> {
            if (accounts.count() > 0) {
                if (environment.getProperty(PASSWORD_VARIABLE) != null) {
                    log.info("{} is ignored: accounts exist already", PASSWORD_VARIABLE);
                }
                return;
            }
            String given = environment.getProperty(PASSWORD_VARIABLE);
            boolean generated = given == null || given.isBlank();
            String password = generated ? generatePassword() : given;
            if (!generated) {
                policy.problem(password, ADMIN).ifPresent(problem -> {
                    throw new IllegalStateException(PASSWORD_VARIABLE + " will not do: " + problem);
                });
            }
            accounts.insert(ADMIN, passwords.encode(password), true);
            if (generated) {
                // Printed to the console, not logged, so it does not end up in log files kept elsewhere.
                System.out.printf(
                        "%n  Waymark created the account 'admin' with this password, shown only this once:%n%n      %s%n%n"
                                + "  Keep it safe. To choose it yourself, set %s before the first start.%n%n",
                        password, PASSWORD_VARIABLE);
            } else {
                log.info("Created the account 'admin' with the password from {}", PASSWORD_VARIABLE);
            }
        });
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
