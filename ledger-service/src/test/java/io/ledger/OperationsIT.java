package io.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@LedgerServiceTest
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void livenessAndReadinessAreUp() throws Exception {
        assertThat(health("/actuator/health/liveness").get("status").asText()).isEqualTo("UP");
        assertThat(health("/actuator/health/readiness").get("status").asText()).isEqualTo("UP");
        assertThat(health("/actuator/health").at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void ledgerMakesNoCallsHome() {
        assertThat(context.getBeanNamesForType(UpdateChecker.class)).isEmpty();
    }

    private JsonNode health(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
