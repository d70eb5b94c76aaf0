package io.territoryscorecard.measurement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application with the web server on a random port and a fresh in-memory H2 database with the demo company (and
 * demo accounts), not evaluated at start-up. All import tests share it (one context), so they compare the database
 * before and after instead of assuming it is pristine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:imports-${random.uuid};MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
    "scorecard.demo.evaluate-on-start=false"})
public @interface ImportTestApplication {
}
