package io.territoryscorecard.account;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two ways in. The API ({@code /api/**}, and the actuator) takes credentials with every request — HTTP Basic or a personal token —
 * keeps no session and so needs no CSRF token. Pages use a form sign-in with a session cookie, CSRF protection on
 * every form, and a new session id at sign-in. Both answer with strict security headers. What each role may do is
 * declared on the endpoints ({@code @PreAuthorize}); which territories it may see, by {@link AccessScope}.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService accountDetails(Accounts accounts) {
        return username -> accounts.byUsername(username).map(AccountPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no account " + username));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder,
            LoginThrottle throttle, AuditLog audit) {
        return new ProviderManager(new AccountAuthentication(users, encoder, throttle, audit));
    }

    /**
     * The API's OpenAPI document and its Swagger UI: open to everyone, since they describe the endpoints and hold no
     * data. No session and no sign-in here; the UI's own script and style files come from its webjar, so the house
     * policy (scripts and styles from this origin only) holds for it as well.
     */
    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // Nothing here changes state, and no cookie is read.
                .csrf(csrf -> csrf.disable());
        headers(http);
        return http.build();
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication, ApiTokens tokens,
            Accounts accounts, ApiErrorWriter errors) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authenticationManager(authentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        (request, response, e) -> errors.unauthorized(response, signInMessage(e))))
                .addFilterBefore(new ApiTokenFilter(tokens, accounts, errors), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Every API request carries its own credentials (no cookie), so there is nothing to forge.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> errors.unauthorized(response,
                                "Sign in with HTTP Basic or an API token (Authorization: Bearer tsc_...)."))
                        .accessDeniedHandler((request, response, e) -> errors.forbidden(response,
                                "Your role does not allow this.")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authentication, Accounts accounts)
            throws Exception {
        http.authenticationManager(authentication)
                .addFilterAfter(new AccountRefreshFilter(accounts), SecurityContextHolderFilter.class)
                // The plain handler: a tampered token is simply a wrong token (403), not a decoding failure (500).
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(handling -> handling.accessDeniedHandler(SecurityConfiguration::pageDenied));
        headers(http);
        return http.build();
    }

    /**
     * A form posted after its session expired fails the CSRF check: send the person to the sign-in page instead of a
     * bare 403. Any other refusal stays a 403.
     */
    private static void pageDenied(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException denied) throws java.io.IOException {
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        if (denied instanceof org.springframework.security.web.csrf.CsrfException && expired) {
            response.sendRedirect(request.getContextPath() + "/login?expired");
        } else {
            response.sendError(403, "Forbidden");
        }
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }

    private static String signInMessage(Exception e) {
        return e.getMessage() == null ? "Sign in required." : e.getMessage();
    }
}
