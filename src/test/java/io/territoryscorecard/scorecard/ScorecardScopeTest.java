package io.territoryscorecard.scorecard;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HttpAnswer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Which territories each demo account sees, over the API and on the pages. A territory outside the caller's scope
 * must be indistinguishable from one that does not exist: the same 404 and the same body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scorecard-scope-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardScopeTest {

    private static final String PERIOD = "2026-10";
    private static final List<String> REGIONS = List.of("CENTRAL", "COAST", "EAST", "NORTH", "SOUTH", "WEST");

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeAll
    void evaluateOnePeriod() {
        api = ApiClient.anonymous(port);
        api.as(SALES_OPS).evaluate(PERIOD);
    }

    @Test
    void regionManagerSeesExactlyTheTerritoriesOfTheRegion() {
        assertThat(territoriesSeenBy(NORTH_MANAGER)).containsExactlyElementsOf(codes("NORTH"));
    }

    @Test
    void territoryManagerSeesExactlyTheTerritoriesTheyManage() {
        assertThat(territoriesSeenBy(HAMBURG_MANAGER)).containsExactly("NORTH-01", "NORTH-02");
    }

    @Test
    void viewerSeesExactlyTheGrantedRegion() {
        assertThat(territoriesSeenBy(SOUTH_VIEWER)).containsExactlyElementsOf(codes("SOUTH"));
    }

    @Test
    void adminAndSalesOpsSeeAllSixtyTerritories() {
        List<String> all = REGIONS.stream().flatMap(region -> codes(region).stream()).sorted().toList();

        assertThat(all).hasSize(60);
        assertThat(territoriesSeenBy(ADMIN)).containsExactlyElementsOf(all);
        assertThat(territoriesSeenBy(SALES_OPS)).containsExactlyElementsOf(all);
    }

    @ParameterizedTest(name = "{0} may read {1}")
    @CsvSource({"HAMBURG_MANAGER, NORTH-01", "HAMBURG_MANAGER, NORTH-02", "NORTH_MANAGER, NORTH-10",
            "SOUTH_VIEWER, SOUTH-01", "SOUTH_VIEWER, SOUTH-10", "ADMIN, COAST-10", "SALES_OPS, SOUTH-01"})
    void aTerritoryInScopeHasItsScorecard(DemoAccount account, String territory) {
        HttpAnswer answer = api.as(account).get("/api/scorecards/" + territory);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("territory").asString()).isEqualTo(territory);
        assertThat(answer.json().path("period").asString()).isEqualTo(PERIOD);
    }

    @ParameterizedTest(name = "{0} on {1} gets the answer of an unknown territory")
    @CsvSource({"HAMBURG_MANAGER, NORTH-03", "HAMBURG_MANAGER, SOUTH-01", "SOUTH_VIEWER, NORTH-01",
            "NORTH_MANAGER, SOUTH-01"})
    void aTerritoryOutOfScopeAnswersExactlyLikeAnUnknownOne(DemoAccount account, String territory) {
        HttpAnswer outOfScope = api.as(account).get("/api/scorecards/" + territory);
        HttpAnswer unknown = api.as(account).get("/api/scorecards/NOWHERE-99");

        assertThat(outOfScope.status()).as("%s", outOfScope).isEqualTo(404);
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(outOfScope.contentType()).isEqualTo(unknown.contentType()).startsWith("application/problem+json");
        assertThat(fieldNames(outOfScope.json())).isEqualTo(fieldNames(unknown.json()));
        assertThat(outOfScope.body().replace(territory, "X")).isEqualTo(unknown.body().replace("NOWHERE-99", "X"));
        assertThat(outOfScope.body()).doesNotContain("scope", "forbidden", "Forbidden", "not allowed");
    }

    @Test
    void scorecardPagesRedirectAnonymousVisitorsToSignIn() {
        Browser anonymous = new Browser(port);

        for (String page : List.of("/scorecards", "/scorecards/NORTH-01", "/")) {
            HttpAnswer answer = anonymous.get(page);
            assertThat(answer.status()).as("GET %s: %s", page, answer).isEqualTo(302);
            assertThat(answer.location()).as("GET %s", page).endsWith("/login");
        }
    }

    @Test
    void scorecardListPageShowsOnlyTheTerritoriesInScope() {
        Browser browser = new Browser(port);
        browser.signIn(HAMBURG_MANAGER);

        HttpAnswer page = browser.get("/scorecards");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains(">NORTH-01<", ">NORTH-02<").doesNotContain("NORTH-03", "SOUTH-");
    }

    @ParameterizedTest(name = "{0} on the page of {1}")
    @CsvSource({"HAMBURG_MANAGER, NORTH-03", "HAMBURG_MANAGER, SOUTH-01", "SOUTH_VIEWER, NORTH-01"})
    void aScorecardPageOutOfScopeIsNotFoundLikeAnUnknownOne(DemoAccount account, String territory) {
        Browser browser = new Browser(port);
        browser.signIn(account);

        HttpAnswer outOfScope = browser.get("/scorecards/" + territory);
        HttpAnswer unknown = browser.get("/scorecards/NOWHERE-99");
        HttpAnswer inScope = browser.get("/scorecards/" + (account == SOUTH_VIEWER ? "SOUTH-01" : "NORTH-01"));

        assertThat(outOfScope.status()).as("%s", outOfScope).isEqualTo(404);
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(inScope.status()).as("%s", inScope).isEqualTo(200);
        assertThat(outOfScope.body()).doesNotContain("Overall");
    }

    private List<String> territoriesSeenBy(DemoAccount account) {
        HttpAnswer answer = api.as(account).get("/api/scorecards?period=" + PERIOD);
        assertThat(answer.status()).as("%s: %s", account, answer).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        answer.json().path("territories").forEach(line -> codes.add(line.path("territory").asString()));
        return codes;
    }

    private static List<String> codes(String region) {
        return IntStream.rangeClosed(1, 10).mapToObj(n -> "%s-%02d".formatted(region, n)).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.propertyNames().iterator();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
