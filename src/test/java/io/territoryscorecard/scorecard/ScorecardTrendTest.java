package io.territoryscorecard.scorecard;

import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A territory's trend over real HTTP: the stored current results of each evaluated period, the same numbers as each
 * period's scorecard, scoped like the scorecards. Periods 2026-08 to 2026-10 are evaluated; 2026-07 is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scorecard-trend-test;MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardTrendTest {

    private static final List<String> PERIODS = List.of("2026-08", "2026-09", "2026-10");

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeAll
    void evaluate() {
        api = ApiClient.anonymous(port);
        PERIODS.forEach(period -> api.as(SALES_OPS).evaluate(period));
    }

    @Test
    void theTrendHoldsEachEvaluatedPeriodsScoresAsItsScorecardShowsThem() {
        JsonNode trend = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03/trend?to=2026-10&months=4").json();

        assertThat(trend.path("territory").asString()).isEqualTo("NORTH-03");
        assertThat(trend.path("from").asString()).isEqualTo("2026-07");
        assertThat(trend.path("to").asString()).isEqualTo("2026-10");
        assertThat(trend.path("periods").valueStream().map(p -> p.path("period").asString()).toList())
                .as("2026-07 was not evaluated").isEqualTo(PERIODS);
        BigDecimal previous = null;
        for (JsonNode point : trend.path("periods")) {
            String period = point.path("period").asString();
            JsonNode card = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03?period=" + period).json();
            BigDecimal score = point.path("overall").path("score").decimalValue();
            assertThat(score).as(period).isEqualByComparingTo(card.path("overall").path("score").decimalValue());
            assertThat(point.path("overall").path("status").asString())
                    .isEqualTo(card.path("overall").path("status").asString());
            assertThat(point.path("flags").asInt()).as(period).isEqualTo(card.path("flags").size());
            assertThat(point.path("highFlags").asInt()).isEqualTo((int) card.path("flags").valueStream()
                    .filter(f -> f.path("severity").asString().equals("HIGH")).count());
            assertThat(point.path("perspectives").size()).isEqualTo(card.path("perspectives").size());
            for (JsonNode perspective : card.path("perspectives")) {
                assertThat(point.path("perspectives").valueStream()
                        .filter(p -> p.path("code").asString().equals(perspective.path("code").asString()))
                        .findFirst().orElseThrow().path("score").decimalValue())
                        .isEqualByComparingTo(perspective.path("score").decimalValue());
            }
            if (previous == null) {
                assertThat(point.path("change").isNull()).isTrue();
            } else {
                assertThat(point.path("change").decimalValue()).isEqualByComparingTo(score.subtract(previous));
            }
            previous = score;
        }
    }

    @Test
    void theTrendEndsAtTheLatestEvaluatedPeriodByDefaultAndTakesTheNumberOfMonthsAsked() {
        JsonNode trend = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03/trend?months=2").json();

        assertThat(trend.path("to").asString()).isEqualTo("2026-10");
        assertThat(trend.path("periods").valueStream().map(p -> p.path("period").asString()).toList())
                .containsExactly("2026-09", "2026-10");
    }

    @Test
    void theTrendIsScopedAndItsParametersChecked() {
        assertThat(api.as(HAMBURG_MANAGER).get("/api/scorecards/NORTH-03/trend").status()).isEqualTo(404);
        assertThat(api.as(NORTH_MANAGER).get("/api/scorecards/NOPE-99/trend").status()).isEqualTo(404);
        assertThat(api.anonymous().get("/api/scorecards/NORTH-03/trend").status()).isEqualTo(401);
        HttpAnswer zero = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03/trend?months=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("detail").asString()).startsWith("months:");
        assertThat(api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03/trend?to=2026-13").status()).isEqualTo(400);
        assertThat(api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03%27%20OR%201=1--/trend").status())
                .isEqualTo(404);
    }
}
