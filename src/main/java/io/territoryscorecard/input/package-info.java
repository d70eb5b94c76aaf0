/**
 * Reading what people type or send: choices checked against their allowed values, and bad input shortened for the
 * messages that quote it. Shared by every module that reads requests or files.
 */
@org.springframework.modulith.ApplicationModule(displayName = "User input", allowedDependencies = {})
package io.territoryscorecard.input;
