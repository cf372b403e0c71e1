package org.waymark.survey.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.waymark.survey.WaymarkProperties;

/**
 * Slows password guessing: after a few failed sign-ins for one account, or many from one address,
 * each further try must wait, twice as long after every failure, up to a ceiling. Kept in memory:
 * a restart forgets it, and each instance counts its own (docs/security.md says so).
 */
@Component
class SignInThrottle {

    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);

    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {}

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final WaymarkProperties.SignIn settings;
    private final Clock clock;

    SignInThrottle(WaymarkProperties properties, Clock clock) {
        this.settings = properties.signIn();
        this.clock = clock;
    }

    /** How long a sign-in for this account from this address must still wait, if it must. */
    Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        // An address may be many people behind one router, so it is allowed more failures than an account.
        Duration account = waitFor(accounts.get(username), settings.accountAllowance(), now);
        Duration from = waitFor(addresses.get(address), settings.addressAllowance(), now);
        Duration longer = account.compareTo(from) >= 0 ? account : from;
        return longer.isPositive() ? Optional.of(longer) : Optional.empty();
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        forgetOld(now);
        count(accounts, username, now);
        count(addresses, address, now);
    }

    /** A correct password clears the account's count; the address's count only fades with time. */
    void succeeded(String username) {
        accounts.remove(username);
    }

    private static void count(Map<String, Failures> failures, String key, Instant now) {
        if (key != null) {
            failures.merge(
                    key,
                    new Failures(1, now),
                    (old, one) -> old.last().isBefore(now.minus(MEMORY)) ? one : new Failures(old.count() + 1, now));
        }
    }

    private Duration waitFor(Failures failures, int allowance, Instant now) {
        if (failures == null || failures.count() < allowance) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures.count() - allowance, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        if (wait.compareTo(settings.longestWait()) > 0) {
            wait = settings.longestWait();
        }
        return Duration.between(now, failures.last().plus(wait));
    }

    private void forgetOld(Instant now) {
        if (accounts.size() + addresses.size() < MAX_ENTRIES / 10) {
            return;
        }
        Instant horizon = now.minus(MEMORY);
        accounts.values().removeIf(failures -> failures.last().isBefore(horizon));
        addresses.values().removeIf(failures -> failures.last().isBefore(horizon));
        if (accounts.size() + addresses.size() > MAX_ENTRIES) {
            // Under a flood of made-up names, forget rather than run out of memory.
            accounts.clear();
            addresses.clear();
        }
    }
}
