package org.waymark.survey.security;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in, and the first of two gates. The filter chains decide who is signed in (HTTP Basic or a
 * personal access token for the API, a session begun on the sign-in page for the workspace) and turn away anonymous requests to anything not public; which
 * account may use which route, in which study, is decided by {@link RouteAccess} from
 * {@link AccessRules}, the one table of rules. Anything not named is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            ProblemDetailsAuthenticationHandlers handlers,
            AccessTokens tokens,
            SignInThrottle throttle,
            AccountRepository accounts,
            SecondFactors factors)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(publicApi())
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(new AccessTokenFilter(tokens, handlers), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, handlers), BasicAuthenticationFilter.class)
                .addFilterAfter(new BasicNeedsNoFactor(accounts, factors, handlers), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(handlers))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless API authenticated per request carries no cookie a forged request could ride on.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    /** The API routes that {@link AccessRules} makes public, so that nobody needs to sign in for them. */
    private static RequestMatcher[] publicApi() {
        List<RequestMatcher> matchers = AccessRules.all().stream()
                .filter(rule ->
                        rule.permission() == Permission.PUBLIC && rule.pattern().startsWith("/api/"))
                .map(rule -> (RequestMatcher) PathPatternRequestMatcher.withDefaults()
                        .matcher(HttpMethod.valueOf(rule.method()), rule.pattern()))
                .toList();
        return matchers.toArray(RequestMatcher[]::new);
    }

    /**
     * The workspace: researchers' pages, signed in through the sign-in page ({@link SignInController})
     * with a session. Anyone not signed in is sent to the sign-in page; which account may open which
     * page is then {@link RouteAccess}'s decision, as for the API. Every form needs its CSRF token.
     */
    @Bean
    @Order(2)
    SecurityFilterChain workspace(
            HttpSecurity http,
            AccountRepository accounts,
            SecondFactors factors,
            SecuritySettings settings,
            Clock clock)
            throws Exception {
        http.securityMatcher("/sign-in", "/sign-in/**", "/sign-out", "/workspace", "/workspace/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/sign-in", "/sign-in/code", "/sign-out")
                        .permitAll()
                        .requestMatchers("/workspace", "/workspace/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(
                        new WorkspaceSessionFilter(accounts, factors, settings, clock), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SignInController.SIGN_IN))
                        .accessDeniedHandler((request, response, e) -> {
                            request.setAttribute(WebAttributes.ACCESS_DENIED_403, e);
                            response.sendError(403);
                        }))
                // After signing in, everyone starts at the workspace: no address is remembered across sign-in.
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED));
        return http.build();
    }

    /**
     * The participant pages: anonymous, with a session for the journey and CSRF protection on every
     * form. Anything else is denied, and answered as not found: to an anonymous visitor there is
     * nothing else here. Both refusals go to the error page ({@code web.ErrorPages}), which shows a
     * browser a kind page and anyone else Problem Details.
     */
    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/s/**", "/resume", "/withdraw", "/withdraw/**", "/waymark.css", "/coding.js", "/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> response.sendError(404))
                        // Participants are anonymous, so the only refusal here is a form without a
                        // valid CSRF token: a stale tab, or a session that ended during a long pause.
                        .accessDeniedHandler((request, response, e) -> {
                            request.setAttribute(WebAttributes.ACCESS_DENIED_403, e);
                            response.sendError(403);
                        }))
                // There is no sign-in to return to, so a refused address is not worth a session.
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED));
        return http.build();
    }

    /**
     * Argon2id at OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane, a 16-byte salt and a
     * 32-byte hash. Spring's own preset ({@code defaultsForSpringSecurity_v5_8}) uses 16 MiB, below it.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    UserDetailsService researchers(AccountRepository accounts) {
        return username -> accounts.findByUsername(username)
                .map(account -> User.withUsername(account.username())
                        .password(account.passwordHash())
                        .disabled(!account.enabled())
                        .authorities(
                                account.siteAdmin()
                                        ? new String[] {"ROLE_RESEARCHER", StudyAccess.ADMIN_AUTHORITY}
                                        : new String[] {"ROLE_RESEARCHER"})
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
