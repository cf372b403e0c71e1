package org.waymark.survey.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.waymark.survey.WaymarkProperties;

/**
 * Limits sensitive requests per client address with a token bucket per address and kind: each kind
 * allows its number a minute, refilled steadily, so a burst is refused but a steady user never is. A
 * refused request gets 429 with {@code Retry-After} through the error page, which shows a browser a
 * kind page and an API client Problem Details. Buckets live in a bounded cache that forgets idle
 * addresses, so a flood of addresses cannot exhaust memory.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private record Key(LimitedRequest kind, String address) {}

    private final WaymarkProperties.RateLimits limits;
    private final Cache<Key, Bucket> buckets;

    RateLimitFilter(WaymarkProperties.RateLimits limits) {
        this.limits = limits;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.clientsTracked())
                .expireAfterAccess(limits.forgetAfter())
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Optional<LimitedRequest> kind = LimitedRequest.of(request.getMethod(), request.getRequestURI());
        if (kind.isPresent()) {
            ConsumptionProbe probe = bucket(kind.get(), address).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                refuse(response, probe.getNanosToWaitForRefill());
                return;
            }
        }
        boolean basic = isHttpBasic(request);
        if (basic) {
            // Password guessing over HTTP Basic: refused attempts draw on the sign-in allowance.
            EstimationProbe estimate = bucket(LimitedRequest.SIGN_IN, address).estimateAbilityToConsume(1);
            if (!estimate.canBeConsumed()) {
                refuse(response, estimate.getNanosToWaitForRefill());
                return;
            }
        }
        chain.doFilter(request, response);
        if (basic && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            bucket(LimitedRequest.SIGN_IN, address).tryConsume(1);
        }
    }

    private Bucket bucket(LimitedRequest kind, String address) {
        return buckets.get(new Key(kind, address), key -> {
            int perMinute = kind.perMinute(limits);
            return Bucket.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(perMinute)
                            .refillGreedy(perMinute, Duration.ofMinutes(1))
                            .build())
                    .build();
        });
    }

    private static boolean isHttpBasic(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static void refuse(HttpServletResponse response, long nanosToWait) throws IOException {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
    }
}
