package io.territoryscorecard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The imports page over real HTTP: form sign-in, the CSRF token in the multipart form, the report as a table. */
@ImportTestApplication
class ImportPageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void uploadsAFileWithTheFormAndShowsEveryProblemEscaped() throws Exception {
        Http http = new Http(port);
        http.signIn("salesops", "demo-salesops");
        HttpResponse<String> page = http.get("/imports", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"");
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        HttpResponse<String> rejected = http.upload("/imports", null,
                Map.of("_csrf", Http.csrf(page.body()), "kind", "measurements"), "<img src=x onerror=alert(1)>.csv",
                "territory_code,period,kpi_code,actual,target\n<script>alert(1)</script>,2027-08,REVENUE,1,2\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("id=\"rejected\"")
                .contains("<td>2</td>", "<td>territory_code</td>",
                        "<td>unknown territory &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;; import it with the "
                                + "organisation first, or correct the code</td>")
                .contains("&lt;img src=x onerror=alert(1)&gt;.csv")
                .doesNotContain("<script>alert(1)</script>", "<img src=x");
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);

        HttpResponse<String> applied = http.upload("/imports", null,
                Map.of("_csrf", Http.csrf(page.body()), "kind", "measurements"), "good.csv",
                "territory_code,period,kpi_code,actual,target\nCENTRAL-01,2027-08,REVENUE,1,2\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(applied.body()).contains("id=\"applied\"").contains("<span>1</span> inserted");
    }

    @Test
    void refusesAnUploadWithoutTheCsrfTokenAndOtherRoles() throws Exception {
        Http salesOps = new Http(port);
        salesOps.signIn("salesops", "demo-salesops");
        HttpResponse<String> forged = salesOps.upload("/imports", null, Map.of("kind", "measurements"), "x.csv",
                "territory_code,period,kpi_code,actual,target\nCENTRAL-02,2027-08,REVENUE,1,2\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).isEqualTo(403);

        Http manager = new Http(port);
        manager.signIn("north.manager", "demo-manager");
        assertThat(manager.get("/imports", null).statusCode()).isEqualTo(403);
        assertThat(manager.get("/scorecards", null).body()).doesNotContain("href=\"/imports\"");
        assertThat(salesOps.get("/scorecards", null).body()).contains("href=\"/imports\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement m JOIN territory t ON t.id = m.territory_id "
                + "WHERE t.code = 'CENTRAL-02' AND m.period = '2027-08'").query(Integer.class).single()).isZero();
    }
}
