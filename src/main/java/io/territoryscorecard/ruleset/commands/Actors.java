package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesetVersions;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who the version history and the audit log name for a ruleset change made outside a signed-in request. Both names
 * contain spaces, which usernames cannot, so neither can be mistaken for an account.
 */
final class Actors {

    private static final int LENGTH = 100;

    private Actors() {
    }

    /** A server start that activated its rules folder: {@code start-up of app01}. */
    static String startUp() {
        return clip(RulesetVersions.STARTUP + " of " + host());
    }

    /** A {@code rules} command: {@code command line (deploy on app01)}, with the operating system's user. */
    static String commandLine() {
        return clip("command line (" + System.getProperty("user.name", "unknown user") + " on " + host() + ")");
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unnamed host";
        }
    }

    private static String clip(String actor) {
        return actor.length() <= LENGTH ? actor : actor.substring(0, LENGTH);
    }
}
