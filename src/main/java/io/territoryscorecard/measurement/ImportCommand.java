package io.territoryscorecard.measurement;

import io.territoryscorecard.cli.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code import <organisation|measurements|kpis> <file>}: imports a CSV or .xlsx file, all rows or none. Exit code 0
 * when applied, 1 when rejected (one {@code file:row:column: message} line per problem on stderr), 2 for a usage error.
 */
@Component
class ImportCommand implements Command {

    private final Imports imports;

    ImportCommand(Imports imports) {
        this.imports = imports;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String usage() {
        return "import <organisation|measurements|kpis> <file>   import a CSV or .xlsx file: every row or none";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.size() != 3) {
            err.println("usage: java -jar territory-scorecard.jar " + usage());
            return 2;
        }
        ImportKind kind;
        try {
            kind = ImportKind.of(words.get(1));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path file = Path.of(words.get(2));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("cannot read the file '" + file + "'");
            return 2;
        }
        ImportReport report;
        try {
            report = imports.importFile(kind, file, "command line");
        } catch (IOException e) {
            err.println("reading '" + file + "' failed: " + e.getMessage());
            return 1;
        } catch (ImportAlreadyRunningException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (report.applied()) {
            out.printf("Imported %s from %s: %d rows, %d inserted, %d updated, %d unchanged%n", kind.word(), file,
                    report.rows(), report.inserted(), report.updated(), report.unchanged());
            return 0;
        }
        for (ImportProblem problem : report.problems()) {
            err.println(file + ":" + problem.row() + (problem.column() == null ? "" : ":" + problem.column()) + ": "
                    + problem.message());
        }
        if (report.more() > 0) {
            err.println("... and " + report.more() + " more problems");
        }
        err.println("Nothing was imported: " + report.problemCount() + " problem(s) in " + file
                + ". Correct them and import the whole file again.");
        return 1;
    }
}
