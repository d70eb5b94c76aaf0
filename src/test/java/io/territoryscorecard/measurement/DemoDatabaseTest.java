package io.territoryscorecard.measurement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application (no web server) on a fresh in-memory H2 database with the demo company, not evaluated at start-up.
 * Its measurements are left as seeded, so tests can check numbers against the generator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:demo-data-${random.uuid};MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
    "scorecard.demo.evaluate-on-start=false"})
public @interface DemoDatabaseTest {
}
