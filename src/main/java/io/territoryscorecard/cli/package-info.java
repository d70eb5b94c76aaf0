/**
 * The command line face of the jar: {@code java -jar <jar> <command> [options]} starts without the web server, runs
 * one {@link io.territoryscorecard.cli.Command} and exits with its code. Modules contribute commands as beans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line", allowedDependencies = {})
package io.territoryscorecard.cli;
