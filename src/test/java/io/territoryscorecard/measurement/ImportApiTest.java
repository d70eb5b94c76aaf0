package io.territoryscorecard.measurement;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.MultipartForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The import API over real HTTP, with HTTP Basic as the demo accounts. */
@ImportTestApplication
class ImportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.anonymous(port);
    }

    private static HttpAnswer upload(ApiClient client, String kind, String fileName, String content) {
        return client.post("/api/imports/" + kind, new MultipartForm().file("file", fileName, content));
    }

    @Test
    void answersTheCountsOfAnAppliedImport() {
        HttpAnswer response = upload(api.as(SALES_OPS), "measurements", "api.csv", """
                territory_code,period,kpi_code,actual,target
                COAST-01,2027-07,REVENUE,1000,1200
                COAST-01,2027-07,GROSS_MARGIN,30,35
                """);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("kind", "file", "rows", "inserted", "updated", "unchanged");
        assertThat(body.get("kind").asString()).isEqualTo("measurements");
        assertThat(body.get("file").asString()).isEqualTo("api.csv");
        assertThat(body.get("rows").asLong()).isEqualTo(2);
        assertThat(body.get("inserted").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'IMPORT_APPLIED' AND details LIKE "
                + "'file ''api.csv''%'").query(String.class).single()).isEqualTo("salesops");
    }

    @Test
    void answers422WithEveryProblemOfARejectedImport() {
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        HttpAnswer response = upload(api.as(SALES_OPS), "measurements", "bad.csv", """
                territory_code,period,kpi_code,actual,target
                COAST-02,2027-13,REVENUE,1,2
                COAST-02,2027-07,REVENUE,"1,5",2
                """);

        assertThat(response.status()).isEqualTo(422);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("kind", "file", "problems", "more");
        assertThat(body.get("problems")).hasSize(2);
        JsonNode first = body.get("problems").get(0);
        assertThat(first.get("row").asInt()).isEqualTo(2);
        assertThat(first.get("column").asString()).isEqualTo("period");
        assertThat(first.get("message").asString()).isEqualTo("period '2027-13' has month 13; months run from 01 to 12");
        assertThat(body.get("problems").get(1).get("message").asString())
                .isEqualTo("'1,5' has a decimal comma; use a decimal point: 1.5");
        assertThat(body.get("more").asLong()).isZero();
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void importsNeedTheSalesOpsRole() {
        String file = "territory_code,period,kpi_code,actual,target\nCOAST-03,2027-07,REVENUE,1,2\n";
        assertThat(upload(api, "measurements", "a.csv", file).status()).isEqualTo(401);
        assertThat(upload(api.basic("salesops", "wrong-password"), "measurements", "a.csv", file).status())
                .isEqualTo(401);
        assertThat(upload(api.as(NORTH_MANAGER), "measurements", "a.csv", file).status()).isEqualTo(403);
        assertThat(upload(api.as(ADMIN), "organisation", "a.csv", file).status()).isEqualTo(403);
        assertThat(upload(api.as(NORTH_MANAGER), "kpis", "a.csv", file).status()).isEqualTo(403);
        assertThat(api.get("/api/imports/current").status()).isEqualTo(401);
        assertThat(api.as(NORTH_MANAGER).get("/api/imports/current").status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement m JOIN territory t ON t.id = m.territory_id "
                + "WHERE t.code = 'COAST-03' AND m.period = '2027-07'").query(Integer.class).single()).isZero();
    }

    @Test
    void showsWhetherAnImportIsRunning() {
        HttpAnswer response = api.as(SALES_OPS).get("/api/imports/current");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("running").asBoolean()).isFalse();
    }

    @Test
    void refusesAnUnknownKindOrAMissingFile() {
        HttpAnswer unknown = upload(api.as(SALES_OPS), "targets", "a.csv", "x");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString())
                .isEqualTo("unknown import kind 'targets': use organisation, measurements, kpis");

        HttpAnswer missing = api.as(SALES_OPS).post("/api/imports/measurements", new MultipartForm().field("x", "y"));
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void exportsImportedFormulaLookingNamesEscapedInCsv() {
        HttpAnswer imported = upload(api.as(SALES_OPS), "organisation", "formula.csv", """
                region_code,region_name,region_manager_email,territory_code,territory_name,manager_name,manager_email
                HARBOUR,"=HYPERLINK(""http://evil.example"",""Harbour"")",,HARB-01,"=HYPERLINK(""http://evil.example"",""click"")",@SUM(1),sum@example.com
                """);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        // stored as written: nothing is evaluated on import
        assertThat(jdbc.sql("SELECT name FROM territory WHERE code = 'HARB-01'").query(String.class).single())
                .isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");

        HttpAnswer export = api.as(SALES_OPS).get("/api/data-quality/export.csv?period=2026-10");
        int kpis = jdbc.sql("SELECT COUNT(*) FROM kpi").query(Integer.class).single();

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).contains("\r\nHARB-01,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","
                + "HARBOUR," + kpis + ",0,0," + kpis + ",0,0,0.0000,\r\n");
        assertThat(export.body()).doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }

    @Test
    void limitsTheDataQualityReportToTheManagersScope() {
        HttpAnswer response = api.as(NORTH_MANAGER).get("/api/data-quality?period=2026-10&limit=3");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("territories").asInt()).isEqualTo(10);
        assertThat(body.get("leastComplete").size()).isLessThanOrEqualTo(3);
        body.get("stalest").forEach(t -> assertThat(t.get("territory").asString()).startsWith("NORTH-"));
        assertThat(api.get("/api/data-quality?period=2026-10").status()).isEqualTo(401);
        assertThat(api.as(NORTH_MANAGER).get("/api/data-quality?period=2026-1").status()).isEqualTo(400);
    }
}
