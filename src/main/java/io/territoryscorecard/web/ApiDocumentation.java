package io.territoryscorecard.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.territoryscorecard.account.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of {@code /api/**} ({@code /v3/api-docs}, shown by {@code /swagger-ui.html}). What the
 * controllers say about themselves is completed here for every endpoint alike: the roles read from its
 * {@code @PreAuthorize} (so the document cannot disagree with what is enforced), its problem-detail errors, and the
 * example answers kept in {@code api-docs/examples.json}.
 */
@Configuration
class ApiDocumentation {

    static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    private static final Pattern ROLE_CHECK = Pattern.compile("has(?:Any)?Role\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");
    private static final List<String> EVERY_ROLE = Arrays.stream(Role.values()).map(Role::name).toList();

    @Bean
    OpenAPI scorecardOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI()
                .info(new Info().title("Territory Scorecard API").version(version)
                        .description("""
                                Balanced Scorecard results of sales territories, the evaluation runs that produce \
                                them, their alerts, and the business-owned rules behind them.

                                Every request signs in with HTTP Basic or a personal API token \
                                (`Authorization: Bearer tsc_...`, made at `POST /api/me/tokens`). The roles allowed \
                                are named on each operation (`x-roles`). Managers and viewers see only the \
                                territories in their scope: another territory answers 404, as one that does not \
                                exist. Errors are RFC 9457 problem details with a message that says what to change."""))
                .components(new Components()
                        .addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("The account's username and password."))
                        .addSecuritySchemes("bearerAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("tsc_...")
                                .description("A personal API token from POST /api/me/tokens (shown once)."))
                        )
                // Either scheme will do: two requirements, not one that names both.
                .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
                .addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
    }

    /** "Roles: ..." in the description and {@code x-roles}, from the method's {@code @PreAuthorize} or its class's. */
    @Bean
    OperationCustomizer rolesFromPreAuthorize() {
        return (operation, handler) -> {
            List<String> roles = roles(handler);
            operation.addExtension("x-roles", roles);
            String line = "Roles: " + String.join(", ", roles)
                    + (roles.size() == EVERY_ROLE.size() ? " (every role)." : ".");
            String description = operation.getDescription();
            operation.setDescription(description == null || description.isBlank() ? line
                    : description.strip() + "\n\n" + line);
            declaredErrorsAreProblems(operation, handler);
            return operation;
        };
    }

    /**
     * An error a controller declares with {@code @ApiResponse} and no content of its own is a problem detail; springdoc
     * would give it the method's answer type and, with any {@code @ApiResponse} present, leave out the success answer.
     */
    private static void declaredErrorsAreProblems(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        Content success = null;
        for (io.swagger.v3.oas.annotations.responses.ApiResponse declared : AnnotatedElementUtils
                .findMergedRepeatableAnnotations(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class)) {
            ApiResponse response = responses.get(declared.responseCode());
            if (response != null && declared.content().length == 0 && !declared.responseCode().startsWith("2")) {
                success = success != null ? success : response.getContent();
                response.setContent(problemContent());
            }
        }
        boolean hasSuccess = responses.keySet().stream().anyMatch(code -> code.startsWith("2"));
        if (!hasSuccess) {
            ApiResponse ok = new ApiResponse().description("OK").content(success);
            ApiResponses ordered = new ApiResponses();
            ordered.addApiResponse("200", ok);
            ordered.putAll(responses);
            operation.setResponses(ordered);
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    /**
     * The refusals every operation shares (401 without credentials, 403 for a role the endpoint does not allow, 400
     * for a bad parameter or body), and the problem-detail body for every error response a controller names.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, Map<String, Object>> examples = examples();
        return openApi -> {
            // springdoc replaces the schemas of the bean's components with those it finds; the problem joins them.
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            addProblemResponses(openApi, examples);
        };
    }

    private static void addProblemResponses(OpenAPI openApi, Map<String, Map<String, Object>> examples) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            op.setResponses(responses);
            boolean hasInput = (op.getParameters() != null && !op.getParameters().isEmpty())
                    || op.getRequestBody() != null;
            if (hasInput) {
                responses.putIfAbsent("400", new ApiResponse()
                        .description("Invalid request: a parameter or the body is malformed (the detail says which)."));
            }
            responses.putIfAbsent("401", new ApiResponse()
                    .description("No valid credentials: sign in with HTTP Basic or an API token."));
            Object roles = op.getExtensions() == null ? null : op.getExtensions().get("x-roles");
            if (!(roles instanceof List<?> allowed && allowed.containsAll(EVERY_ROLE))) {
                responses.putIfAbsent("403", new ApiResponse().description("Your role does not allow this."));
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    if (response.getContent() == null || response.getContent().isEmpty()) {
                        response.setContent(problemContent());
                    }
                }
            });
            Map<String, Object> example = examples.get(method.name() + " " + path);
            if (example != null) {
                responses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).findFirst()
                        .map(e -> e.getValue().getContent()).ifPresent(content -> content.values()
                                .forEach(media -> media.setExample(example.get("example"))));
            }
        }));
    }

    static List<String> roles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return EVERY_ROLE;
        }
        Matcher check = ROLE_CHECK.matcher(rule.value());
        if (!check.matches()) {
            // An expression beyond a role check: show it as written rather than guess.
            return List.of(rule.value());
        }
        return QUOTED.matcher(check.group(1)).results().map(m -> m.group(1)).toList();
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail; some problems add fields, such as `report` or `errors`.")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema()
                        .example("period '2026-13' has month 13; write it as YYYY-MM, for example 2026-10"))
                .addProperty("instance", new StringSchema().example("/api/scorecards"))
                .additionalProperties(true);
    }

    /** Example answers by "METHOD /path", each {"example": ...}; made up, never the demo company's data. */
    private static Map<String, Map<String, Object>> examples() {
        try (InputStream in = new ClassPathResource("api-docs/examples.json").getInputStream()) {
            return JsonMapper.builder().build().readValue(in, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
