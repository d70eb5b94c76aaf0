package io.territoryscorecard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The import API over real HTTP, with HTTP Basic as the demo accounts. */
@ImportTestApplication
class ImportApiTest {

    private static final String SALES_OPS = Http.basic("salesops", "demo-salesops");
    private static final String MANAGER = Http.basic("north.manager", "demo-manager");
    private static final String ADMIN = Http.basic("admin", "demo-admin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private HttpResponse<String> upload(String kind, String authorization, String fileName, String content)
            throws IOException, InterruptedException {
        return http.upload("/api/imports/" + kind, authorization, Map.of(), fileName,
                content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersTheCountsOfAnAppliedImport() throws Exception {
        HttpResponse<String> response = upload("measurements", SALES_OPS, "api.csv", """
                territory_code,period,kpi_code,actual,target
                COAST-01,2027-07,REVENUE,1000,1200
                COAST-01,2027-07,GROSS_MARGIN,30,35
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("kind", "file", "rows", "inserted", "updated", "unchanged");
        assertThat(body.get("kind").asString()).isEqualTo("measurements");
        assertThat(body.get("file").asString()).isEqualTo("api.csv");
        assertThat(body.get("rows").asLong()).isEqualTo(2);
        assertThat(body.get("inserted").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'IMPORT_APPLIED' AND details LIKE "
                + "'file ''api.csv''%'").query(String.class).single()).isEqualTo("salesops");
    }

    @Test
    void answers422WithEveryProblemOfARejectedImport() throws Exception {
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        HttpResponse<String> response = upload("measurements", SALES_OPS, "bad.csv", """
                territory_code,period,kpi_code,actual,target
                COAST-02,2027-13,REVENUE,1,2
                COAST-02,2027-07,REVENUE,"1,5",2
                """);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
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
    void importsNeedTheSalesOpsRole() throws Exception {
        String file = "territory_code,period,kpi_code,actual,target\nCOAST-03,2027-07,REVENUE,1,2\n";
        assertThat(upload("measurements", null, "a.csv", file).statusCode()).isEqualTo(401);
        assertThat(upload("measurements", Http.basic("salesops", "wrong-password"), "a.csv", file).statusCode())
                .isEqualTo(401);
        assertThat(upload("measurements", MANAGER, "a.csv", file).statusCode()).isEqualTo(403);
        assertThat(upload("organisation", ADMIN, "a.csv", file).statusCode()).isEqualTo(403);
        assertThat(upload("kpis", MANAGER, "a.csv", file).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/imports/current", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/imports/current", MANAGER).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement m JOIN territory t ON t.id = m.territory_id "
                + "WHERE t.code = 'COAST-03' AND m.period = '2027-07'").query(Integer.class).single()).isZero();
    }

    @Test
    void showsWhetherAnImportIsRunning() throws Exception {
        HttpResponse<String> response = http.get("/api/imports/current", SALES_OPS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("running").asBoolean()).isFalse();
    }

    @Test
    void refusesAnUnknownKindOrAMissingFile() throws Exception {
        HttpResponse<String> unknown = upload("targets", SALES_OPS, "a.csv", "x");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("detail").asString())
                .isEqualTo("unknown import kind 'targets': use organisation, measurements, kpis");

        HttpResponse<String> missing = http.upload("/api/imports/measurements", SALES_OPS, Map.of("x", "y"), null,
                null);
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void exportsImportedFormulaLookingNamesEscapedInCsv() throws Exception {
        HttpResponse<String> imported = upload("organisation", SALES_OPS, "formula.csv", """
                region_code,region_name,region_manager_email,territory_code,territory_name,manager_name,manager_email
                HARBOUR,"=HYPERLINK(""http://evil.example"",""Harbour"")",,HARB-01,"=HYPERLINK(""http://evil.example"",""click"")",@SUM(1),sum@example.com
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        // stored as written: nothing is evaluated on import
        assertThat(jdbc.sql("SELECT name FROM territory WHERE code = 'HARB-01'").query(String.class).single())
                .isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");

        HttpResponse<String> export = http.get("/api/data-quality/export.csv?period=2026-10", SALES_OPS);
        int kpis = jdbc.sql("SELECT COUNT(*) FROM kpi").query(Integer.class).single();

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(export.body()).contains("\r\nHARB-01,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","
                + "HARBOUR," + kpis + ",0,0," + kpis + ",0,0,0.0000,\r\n");
        assertThat(export.body()).doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }

    @Test
    void limitsTheDataQualityReportToTheManagersScope() throws Exception {
        HttpResponse<String> response = http.get("/api/data-quality?period=2026-10&limit=3", MANAGER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("territories").asInt()).isEqualTo(10);
        assertThat(body.get("leastComplete").size()).isLessThanOrEqualTo(3);
        body.get("stalest").forEach(t -> assertThat(t.get("territory").asString()).startsWith("NORTH-"));
        assertThat(http.get("/api/data-quality?period=2026-10", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/data-quality?period=2026-1", MANAGER).statusCode()).isEqualTo(400);
    }
}
