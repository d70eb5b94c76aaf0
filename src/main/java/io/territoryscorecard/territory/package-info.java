/**
 * The sales organisation: regions, territories and the people who manage them. Other modules refer to territories
 * by id or code and read them through {@link io.territoryscorecard.territory.Territories}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Territories", allowedDependencies = {})
package io.territoryscorecard.territory;
