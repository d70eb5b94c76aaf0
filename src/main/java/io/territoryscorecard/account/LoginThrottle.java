package io.territoryscorecard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per address in a sliding window; past the limit, further attempts are
 * refused until the window has passed, even with the right password. Kept in memory: a restart clears it.
 */
@Component
class LoginThrottle {

    private final SecuritySettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SecuritySettings settings) {
        this(settings, Clock.systemUTC());
    }

    LoginThrottle(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Seconds until sign-in is allowed again for this account from this address; 0 when allowed now. */
    long secondsLocked(String username, String address) {
        return Math.max(lockedFor(accountKey(username), settings.maxFailuresPerAccount()),
                lockedFor(addressKey(address), settings.maxFailuresPerAddress()));
    }

    void failed(String username, String address) {
        add(accountKey(username));
        add(addressKey(address));
    }

    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private long lockedFor(String key, int limit) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < limit) {
                return 0;
            }
            Instant oldestCounted = times.peekFirst();
            return Math.max(1, Duration.between(clock.instant(), oldestCounted.plus(window())).toSeconds());
        }
    }

    private void add(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window());
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }

    private Duration window() {
        return Duration.ofMinutes(settings.lockMinutes());
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
