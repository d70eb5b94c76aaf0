/**
 * The fact vocabulary: every type a rule may see, match or insert. Rules read the input facts (catalogue,
 * measurements, earlier scores), insert settings facts (weights, bands, breakpoints, limits) and derive assessment
 * facts from them; the engine turns the derived facts into stored results. See docs/rule-authoring.md.
 */
@org.springframework.modulith.NamedInterface("fact")
package io.territoryscorecard.ruleset.fact;
