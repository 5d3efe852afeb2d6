package io.ledger.access;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.List;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call what, by URL: the first matching rule decides, and a path no rule names is refused (NoEndpoint), so
 * that a new endpoint is closed until a rule opens it. Rules that depend on the request's content (the scope of the
 * migration a runner writes to, the names in its body) are checked by the controllers. docs/security.md has the
 * matrix.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String RUNNER = "RUNNER";
    private static final String APPROVER = "APPROVER";
    private static final String AUDITOR = "AUDITOR";
    private static final String ADMIN = "ADMIN";
    /**
     * The methods an endpoint of the ledger answers (HEAD as its GET does, without the body); the firewall refuses
     * every other one, TRACE, PUT and OPTIONS included, with {@code 405} (RejectedRequests) before authentication.
     */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "DELETE");

    /**
     * Spring Security would otherwise wrap each of its filters, and every authorisation, in an observation on every
     * request: a share of each write's CPU (docs/benchmarks.md) for traces nothing here collects. Requests stay
     * observed as a whole ({@code http.server.requests}); denials have their own metric, ledger.access.denied.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        return firewall;
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, Tokens tokens, DeniedResponses denied,
            MigrationTargets targets) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(failures -> failures.authenticationEntryPoint(denied).accessDeniedHandler(denied))
                .addFilterBefore(new BearerTokenFilter(tokens, denied), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The request that led to an error page or an async dispatch was authorised already.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HEAD, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(GET, "/actuator/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HEAD, "/actuator/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(POST, "/api/v1/migrations").hasRole(RUNNER)
                        .requestMatchers(POST, "/api/v1/migrations/*/events").hasAnyRole(RUNNER, APPROVER)
                        .requestMatchers(GET, "/api/v1/migrations/*", "/api/v1/migrations/*/**")
                                .access(new MigrationReadAccess(targets))
                        .requestMatchers(HEAD, "/api/v1/migrations/*", "/api/v1/migrations/*/**")
                                .access(new MigrationReadAccess(targets))
                        .requestMatchers(POST, "/api/v1/lint").authenticated()
                        // Checking a stored checkpoint reads the ledger and writes nothing.
                        .requestMatchers(POST, "/api/v1/ledger/verify").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(POST, "/api/v1/alerts/*/ack", "/api/v1/alerts/*/resolve")
                                .hasAnyRole(APPROVER, ADMIN)
                        .requestMatchers(GET, "/api/v1/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HEAD, "/api/v1/**").hasAnyRole(AUDITOR, ADMIN)
                        .anyRequest().access(new NoEndpoint()))
                .build();
    }
}
