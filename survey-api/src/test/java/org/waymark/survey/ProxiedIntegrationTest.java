package org.waymark.survey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application as deployed behind a reverse proxy, with low rate limits: it trusts the
 * proxy's X-Forwarded-For and X-Forwarded-Proto (the test client, on 127.0.0.1, stands in for the
 * proxy), so tests can play several client addresses and a TLS connection. A context of its own, so
 * its low limits and its tampering with the audit trail touch no other test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.forward-headers-strategy=native",
            "waymark.rate-limits.submissions-per-minute=3",
            "waymark.rate-limits.draft-access-per-minute=4",
            "waymark.rate-limits.searches-per-minute=5",
            "waymark.rate-limits.sign-ins-per-minute=3",
            "waymark.demo.enabled=false"
        })
@ActiveProfiles("test")
public @interface ProxiedIntegrationTest {}
