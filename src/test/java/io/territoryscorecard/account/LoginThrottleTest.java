package io.territoryscorecard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The failed sign-in limits per account and per address, on a clock the test moves by hand. */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new SecuritySettings(false, 5, 20, 15, null, null), clock);

    @Test
    void anAccountIsLockedForTheWholeWindowAtItsFifthFailure() {
        for (int failure = 1; failure <= 4; failure++) {
            throttle.failed("alice", "10.0.0.1");
            assertThat(throttle.secondsLocked("alice", "10.0.0.1")).as("after %d failures", failure).isZero();
        }

        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).isEqualTo(WINDOW.toSeconds());
    }

    @Test
    void anAccountLockHoldsFromEveryAddressButNotForOtherAccounts() {
        failTimes(5, "alice", "10.0.0.1");

        assertThat(throttle.secondsLocked("alice", "192.168.7.7")).isPositive();
        assertThat(throttle.secondsLocked("ALICE", "192.168.7.7")).as("usernames ignore case").isPositive();
        assertThat(throttle.secondsLocked("bob", "10.0.0.1")).isZero();
    }

    @Test
    void failuresCountPerAccountWhicheverAddressTheyComeFrom() {
        for (int i = 1; i <= 5; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }

        assertThat(throttle.secondsLocked("alice", "10.0.0.99")).isPositive();
        assertThat(throttle.secondsLocked("bob", "10.0.0.1")).as("no address reached its limit").isZero();
    }

    @Test
    void anAddressIsLockedForEveryAccountAtItsTwentiethFailure() {
        for (int i = 1; i <= 19; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.secondsLocked("somebody", "10.0.0.1")).as("after 19 failures").isZero();

        throttle.failed("user20", "10.0.0.1");

        assertThat(throttle.secondsLocked("somebody", "10.0.0.1")).isEqualTo(WINDOW.toSeconds());
        assertThat(throttle.secondsLocked("somebody", "10.0.0.2")).isZero();
        assertThat(throttle.secondsLocked("user1", "10.0.0.2")).as("one failure of user1").isZero();
    }

    @Test
    void theLockEndsWhenTheWindowHasPassed() {
        failTimes(5, "alice", "10.0.0.1");

        clock.advance(WINDOW.minusSeconds(1));
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).isZero();
    }

    @Test
    void theAddressLockEndsWhenTheWindowHasPassed() {
        for (int i = 1; i <= 20; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.secondsLocked("somebody", "10.0.0.1")).isPositive();

        clock.advance(WINDOW.plusSeconds(1));

        assertThat(throttle.secondsLocked("somebody", "10.0.0.1")).isZero();
    }

    @Test
    void theWindowSlidesSoOldFailuresStopCounting() {
        failTimes(3, "alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(10));
        failTimes(2, "alice", "10.0.0.1");
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).as("five within 15 minutes")
                .isEqualTo(Duration.ofMinutes(5).toSeconds());

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).as("the first three have expired").isZero();

        failTimes(2, "alice", "10.0.0.1");
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).as("two from minute 10 and two new").isZero();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.secondsLocked("alice", "10.0.0.1")).as("two from minute 10 and three new").isPositive();
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailuresButNotTheAddresses() {
        for (int i = 1; i <= 16; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        failTimes(4, "alice", "10.0.0.1");

        throttle.succeeded("alice");
        failTimes(4, "alice", "10.0.0.2");

        assertThat(throttle.secondsLocked("alice", "10.0.0.2")).as("only four since the success").isZero();
        assertThat(throttle.secondsLocked("bob", "10.0.0.1")).as("20 failures from 10.0.0.1").isPositive();
    }

    private void failTimes(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, address);
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            // the throttle only reads instants, which do not depend on the zone
            return this;
        }
    }
}
