package io.territoryscorecard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is open to everyone, names every {@code /api} endpoint the application has with the roles it
 * allows, and describes without showing any of the company's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentationTest {

    ConfigurableApplicationContext server;
    ApiClient anonymous;
    JsonNode document;

    @BeforeAll
    void start() {
        server = Launcher.startServer("--spring.datasource.url=jdbc:h2:mem:api-documentation-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "--scorecard.demo.evaluate-on-start=false");
        anonymous = ApiClient.anonymous(Launcher.port(server));
        HttpAnswer answer = anonymous.get("/v3/api-docs");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        document = answer.json();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void documentsEveryApiEndpointTheApplicationHas() {
        Set<String> mapped = new TreeSet<>();
        server.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .keySet().forEach(info -> endpoints(info, mapped));
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " "
                        + normalised(path.getKey()))));
        assertThat(mapped).hasSizeGreaterThan(40);
        assertThat(documented).isEqualTo(mapped);
    }

    @Test
    void everyOperationHasASummaryAndNamesItsRoles() {
        List<String> lacking = new ArrayList<>();
        eachOperation((name, operation) -> {
            if (operation.path("summary").asString("").isBlank()) {
                lacking.add(name + ": no summary");
            }
            if (!operation.path("description").asString("").contains("Roles: ")) {
                lacking.add(name + ": no roles in the description");
            }
            if (operation.path("x-roles").isEmpty()) {
                lacking.add(name + ": no x-roles");
            }
            if (!operation.path("responses").has("401")) {
                lacking.add(name + ": no 401");
            }
        });
        assertThat(lacking).isEmpty();
    }

    @Test
    void rolesComeFromTheEndpointsPreAuthorize() {
        JsonNode paths = document.path("paths");
        assertThat(paths.path("/api/evaluations").path("post").path("x-roles").toString())
                .isEqualTo("[\"SALES_OPS\"]");
        // the class's rule where the method has none
        assertThat(paths.path("/api/evaluations").path("get").path("x-roles").toString())
                .isEqualTo("[\"SALES_OPS\",\"ADMIN\"]");
        assertThat(paths.path("/api/scorecards").path("get").path("x-roles").toString())
                .isEqualTo("[\"ADMIN\",\"SALES_OPS\",\"MANAGER\",\"VIEWER\"]");
        assertThat(paths.path("/api/accounts").path("get").path("responses").has("403")).isTrue();
        assertThat(paths.path("/api/me").path("get").path("responses").has("403")).isFalse();
    }

    @Test
    void errorsAreProblemDetails() {
        assertThat(document.path("components").path("schemas").has(ApiDocumentation.PROBLEM_SCHEMA)).isTrue();
        eachOperation((name, operation) -> operation.path("responses").properties().forEach(response -> {
            // an import's rejection is its report of every problem, not a problem detail
            if (response.getKey().startsWith("4") && !name.equals("post /api/imports/{kind}")) {
                assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
                        .path("$ref").asString()).as("%s %s", name, response.getKey())
                        .isEqualTo(ApiDocumentation.PROBLEM_REF);
            }
        }));
    }

    @Test
    void mainAnswersHaveExamples() {
        for (String operation : List.of("get /api/scorecards", "get /api/scorecards/{territory}",
                "post /api/evaluations", "get /api/evaluations/{id}", "get /api/alerts",
                "post /api/rulesets/validate", "post /api/rulesets/preview")) {
            String[] parts = operation.split(" ");
            JsonNode responses = document.path("paths").path(parts[1]).path(parts[0]).path("responses");
            JsonNode success = responses.properties().stream().filter(e -> e.getKey().startsWith("2")).findFirst()
                    .orElseThrow().getValue();
            assertThat(success.path("content").path("application/json").path("example").isObject())
                    .as("%s: %s", operation, success).isTrue();
        }
    }

    @Test
    void namesBothWaysToSignIn() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearerAuth").path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).contains("basicAuth").contains("bearerAuth");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
    }

    @Test
    void holdsNoneOfTheCompanysData() {
        JdbcClient jdbc = server.getBean(JdbcClient.class);
        List<String> names = jdbc.sql("SELECT name FROM territory UNION SELECT code FROM territory "
                + "UNION SELECT name FROM person").query(String.class).list();
        assertThat(names).isNotEmpty();
        String text = document.toString();
        assertThat(names).noneMatch(name -> text.contains("\"" + name + "\""));
        assertThat(document.path("paths").properties()).allMatch(path -> path.getKey().startsWith("/api/"));
    }

    @Test
    void swaggerUiOpensWithoutSigningIn() {
        HttpAnswer page = anonymous.get("/swagger-ui.html");
        if (page.status() == 302) {
            page = anonymous.get(page.location());
        }
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(anonymous.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);
    }

    private void eachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
        document.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> check.accept(operation.getKey() + " " + path.getKey(), operation.getValue())));
    }

    private static void endpoints(RequestMappingInfo info, Set<String> into) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
            if (pattern.startsWith("/api/") || pattern.equals("/api")) {
                methods.forEach(method -> into.add(method.name() + " " + normalised(pattern)));
            }
        }
    }

    /** {@code /api/scorecards/{territory}} and {@code /api/scorecards/{id}} are the same address. */
    private static String normalised(String pattern) {
        return pattern.replaceAll("\\{[^}]*}", "{}");
    }
}
