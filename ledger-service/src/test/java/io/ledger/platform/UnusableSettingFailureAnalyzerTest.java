package io.ledger.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class UnusableSettingFailureAnalyzerTest {

    @Test
    void reportsTheProblemAndTheFixOfAnEmbeddedDatabaseFailureWrappedInBeanCreation() {
        EmbeddedDatabaseException cause = new EmbeddedDatabaseException("Data directory /srv/ledger is not writable",
                "Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory this user can write", null);

        FailureAnalysis analysis = new UnusableSettingFailureAnalyzer()
                .analyze(new BeanCreationException("embeddedPostgres", "Failed to instantiate", cause));

        assertThat(analysis.getDescription()).isEqualTo("Data directory /srv/ledger is not writable.");
        assertThat(analysis.getAction())
                .isEqualTo("Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory this user can write.");
    }
}
