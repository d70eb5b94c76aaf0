package io.territoryscorecard.measurement;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.MultipartForm;
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
    void uploadsAFileWithTheFormAndShowsEveryProblemEscaped() {
        Browser browser = new Browser(port);
        browser.signIn(SALES_OPS);
        HttpAnswer page = browser.get("/imports");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"");
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        HttpAnswer rejected = browser.post("/imports", measurementsForm(page).file("file",
                "<img src=x onerror=alert(1)>.csv",
                "territory_code,period,kpi_code,actual,target\n<script>alert(1)</script>,2027-08,REVENUE,1,2\n"));

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body()).contains("id=\"rejected\"")
                .contains("<td>2</td>", "<td>territory_code</td>",
                        "<td>unknown territory &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;; import it with the "
                                + "organisation first, or correct the code</td>")
                .contains("&lt;img src=x onerror=alert(1)&gt;.csv")
                .doesNotContain("<script>alert(1)</script>", "<img src=x");
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);

        HttpAnswer applied = browser.post("/imports", measurementsForm(page).file("file", "good.csv",
                "territory_code,period,kpi_code,actual,target\nCENTRAL-01,2027-08,REVENUE,1,2\n"));
        assertThat(applied.body()).contains("id=\"applied\"").contains("<span>1</span> inserted");
    }

    @Test
    void refusesAnUploadWithoutTheCsrfTokenAndOtherRoles() {
        Browser salesOps = new Browser(port);
        salesOps.signIn(SALES_OPS);
        HttpAnswer forged = salesOps.post("/imports", new MultipartForm().field("kind", "measurements").file("file",
                "x.csv", "territory_code,period,kpi_code,actual,target\nCENTRAL-02,2027-08,REVENUE,1,2\n"));
        assertThat(forged.status()).isEqualTo(403);

        Browser manager = new Browser(port);
        manager.signIn(NORTH_MANAGER);
        assertThat(manager.get("/imports").status()).isEqualTo(403);
        assertThat(manager.get("/scorecards").body()).doesNotContain("href=\"/imports\"");
        assertThat(salesOps.get("/scorecards").body()).contains("href=\"/imports\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement m JOIN territory t ON t.id = m.territory_id "
                + "WHERE t.code = 'CENTRAL-02' AND m.period = '2027-08'").query(Integer.class).single()).isZero();
    }

    /** The import form's fields as the page gives them: its CSRF token and the kind "measurements". */
    private static MultipartForm measurementsForm(HttpAnswer page) {
        return new MultipartForm().field("_csrf", Browser.csrfTokenIn(page.body())).field("kind", "measurements");
    }
}
