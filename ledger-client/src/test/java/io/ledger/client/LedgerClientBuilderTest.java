package io.ledger.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LedgerClientBuilderTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "ftp://ledger.example", "localhost:8080", "/api/v1", "http://",
            "http://ledger.example?x=1", "http://ledger example"})
    void baseUrlMustBeAnAbsoluteHttpUrl(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().baseUrl(baseUrl))
                .withMessageContaining("baseUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:99999", "http://localhost:65536", "https://ledger.example:0"})
    void baseUrlPortMustBeOneTo65535(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().baseUrl(baseUrl))
                .withMessageContaining("baseUrl must have a port from 1 to 65535");
    }

    @Test
    void baseUrlMustNotCarryCredentialsNorEchoThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().baseUrl("http://u:s3cret@host"))
                .withMessageContaining("baseUrl must not carry a user or password")
                .withMessageNotContaining("s3cret");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().baseUrl(URI.create("https://u@ledger.example")))
                .withMessageContaining("baseUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host:8080/api/v1", "http://host:8080/api/v1/", "http://host:8080/api/v1//"})
    void baseUrlIsTheRootWithoutTheApiPathWhichTheClientAdds(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().baseUrl(baseUrl))
                .withMessage("baseUrl is the ledger's root URL, without /api/v1 (the client adds it): use "
                        + "http://host:8080, was " + baseUrl);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().baseUrl(URI.create("https://gw.example/ledger/api/v1")))
                .withMessageContaining("use https://gw.example/ledger, was");
        assertThatNoException().isThrownBy(() -> LedgerClient.builder().baseUrl("https://gw.example/api/v1x"));
    }

    @Test
    void backgroundFlushMustBeAtLeastAMillisecond() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().backgroundFlush(Duration.ofNanos(1)))
                .withMessage("backgroundFlush must be at least 1 ms, was PT0.000000001S");
        assertThatNoException().isThrownBy(() -> LedgerClient.builder().backgroundFlush(Duration.ofMillis(1)));
    }

    @Test
    void baseUrlIsRequired() {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().build())
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().baseUrl((URI) null))
                .withMessageContaining("baseUrl");
    }

    @Test
    void aTokenIsRequiredAndMustBeOneWord() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().baseUrl("http://127.0.0.1:8080").build())
                .withMessageContaining("token is required");
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().token(" "))
                .withMessageContaining("token");
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().token("mlg_a\r\nX-Evil: 1"))
                .withMessageContaining("one word");
    }

    @Test
    void httpAndHttpsBaseUrlsWithAPathAreAccepted() {
        assertThatNoException()
                .isThrownBy(() -> LedgerClient.builder().baseUrl("https://ledger.example/ledger/").token("t").build());
        assertThatNoException()
                .isThrownBy(() -> LedgerClient.builder().baseUrl(URI.create("http://127.0.0.1:8080")).token("t").build());
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().connectTimeout(Duration.ofSeconds(-1)))
                .withMessageContaining("connectTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().requestTimeout(Duration.ZERO))
                .withMessageContaining("requestTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedgerClient.builder().requestTimeout(null))
                .withMessageContaining("requestTimeout");
    }

    @Test
    void actorMustNotBeBlank() {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().actor(" "))
                .withMessageContaining("actor");
    }

    @Test
    void retryPolicyAndClockAreRequired() {
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().retryPolicy(null))
                .withMessageContaining("retryPolicy");
        assertThatIllegalArgumentException().isThrownBy(() -> LedgerClient.builder().clock(null))
                .withMessageContaining("clock");
    }

    @Test
    void migrationIdMustNotBeBlank() {
        LedgerClient client = LedgerClient.builder().baseUrl("http://127.0.0.1:1").token("t").build();

        assertThatIllegalArgumentException().isThrownBy(() -> client.forMigration(""))
                .withMessageContaining("migrationId");
        assertThatIllegalArgumentException().isThrownBy(() -> client.migration(null))
                .withMessageContaining("migrationId");
    }
}
