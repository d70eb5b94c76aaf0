package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesSubcommand;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetDiff;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetVersion;

import io.territoryscorecard.ruleset.RulesetService.RulesetRejectedException;
import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code rules versions | show ID | diff A B | store [folder] [--activate] | activate ID | rollback}: ruleset versions
 * from the command line, the way to change the active version without a restart; the version history and the audit
 * log name the operating system's user and host. A running service picks up an activation made here at its next
 * evaluation.
 */
@Configuration
class VersionSubcommands {

    @Bean
    RulesSubcommand versionsSubcommand(RulesetService rulesets) {
        return new Simple("versions", "versions                   list the stored ruleset versions", (words, args, out) -> {
            out.printf("%-5s %-7s %-24s %-20s %-12s %s%n", "id", "active", "label", "created", "sha256", "created by");
            for (RulesetVersion v : rulesets.versions()) {
                out.printf("%-5d %-7s %-24s %-20s %-12s %s%n", v.id(), v.active() ? "ACTIVE" : "", v.label(),
                        v.createdAt(), v.sha256().substring(0, 12), v.createdBy());
            }
            return 0;
        });
    }

    @Bean
    RulesSubcommand showSubcommand(RulesetService rulesets) {
        return new Simple("show", "show ID                    print a version's files", (words, args, out) -> {
            long id = id(words, 0);
            RulesetVersion version = rulesets.version(id);
            out.printf("Version %d '%s' (sha256 %s), created %s by %s%s%n", id, version.label(), version.sha256(),
                    version.createdAt(), version.createdBy(), version.active() ? ", ACTIVE" : "");
            rulesets.files(id).files().forEach((path, content) -> {
                out.println("==> " + path + " <==");
                out.println(content);
            });
            return 0;
        });
    }

    @Bean
    RulesSubcommand diffSubcommand(RulesetService rulesets) {
        return new Simple("diff", "diff FROM TO               what changed between two versions, per file and rule",
                (words, args, out) -> {
                    RulesetDiff diff = rulesets.diff(id(words, 0), id(words, 1));
                    diff.rules().forEach(r -> out.println("rule " + r.change() + ": \"" + r.rule() + "\" (" + r.file() + ")"));
                    diff.files().forEach(f -> {
                        out.println("file " + f.change() + ": " + f.file());
                        f.lines().forEach(line -> out.println("    " + line));
                    });
                    if (diff.files().isEmpty()) {
                        out.println("The versions have the same files.");
                    }
                    return 0;
                });
    }

    @Bean
    RulesSubcommand storeSubcommand(RulesetService rulesets, RulesetSettings settings) {
        return new Simple("store", "store [folder] [--note=..] [--activate] validate a folder and store it as a "
                + "version (active only with --activate)", (words, args, out) -> {
                    Path folder = Path.of(words.isEmpty() ? settings.location() : words.get(0));
                    try {
                        String actor = Actors.commandLine();
                        var stored = rulesets.store(RulesetSource.fromFolder(folder), actor, note(args));
                        ValidateSubcommand.print(stored.report(), out);
                        long id = stored.version().id();
                        if (!args.containsOption("activate")) {
                            out.println("Stored as version " + id + "; activate it with: rules activate " + id);
                            return 0;
                        }
                        RulesetVersion version = rulesets.activate(id, actor, note(args));
                        out.println("Stored as version " + id + "; version " + id + " '" + version.label()
                                + "' is active.");
                        return 0;
                    } catch (RulesetRejectedException e) {
                        ValidateSubcommand.print(e.report(), out);
                        return 1;
                    }
                });
    }

    @Bean
    RulesSubcommand activateSubcommand(RulesetService rulesets) {
        return new Simple("activate", "activate ID [--note=..]    make a stored version the active one",
                (words, args, out) -> {
                    RulesetVersion version = rulesets.activate(id(words, 0), Actors.commandLine(), note(args));
                    out.println("Version " + version.id() + " '" + version.label() + "' is active.");
                    return 0;
                });
    }

    @Bean
    RulesSubcommand rollbackSubcommand(RulesetService rulesets) {
        return new Simple("rollback", "rollback [--note=..]       go back to the version active before the latest activation",
                (words, args, out) -> {
                    RulesetVersion version = rulesets.rollback(Actors.commandLine(), note(args));
                    out.println("Rolled back: version " + version.id() + " '" + version.label() + "' is active.");
                    return 0;
                });
    }

    private static long id(List<String> words, int index) {
        if (words.size() <= index) {
            throw new UsageException("a version id is missing (see: rules versions)");
        }
        try {
            return Long.parseLong(words.get(index));
        } catch (NumberFormatException e) {
            throw new UsageException("'" + words.get(index) + "' is not a version id (see: rules versions)");
        }
    }

    private static String note(ApplicationArguments args) {
        List<String> notes = args.getOptionValues("note");
        return notes == null || notes.isEmpty() ? null : notes.get(0);
    }

    @FunctionalInterface
    interface Action {
        int run(List<String> words, ApplicationArguments args, PrintStream out);
    }

    private static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }

    /** A sub-command made of its name, its usage line and what it does; errors become messages and exit codes. */
    private record Simple(String name, String usage, Action action) implements RulesSubcommand {

        @Override
        public int run(List<String> parameters, ApplicationArguments arguments, PrintStream out, PrintStream err) {
            try {
                return action.run(parameters, arguments, out);
            } catch (UsageException e) {
                err.println("rules " + name + ": " + e.getMessage());
                return 2;
            } catch (RulesetVersionNotFoundException | RulesetService.NothingToRollBackException
                    | RulesetCompilationException | IllegalArgumentException e) {
                err.println("rules " + name + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
