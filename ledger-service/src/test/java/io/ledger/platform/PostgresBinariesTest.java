package io.ledger.platform;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whether PostgreSQL can run here, probed with stand-ins for {@code unshare} that run the probe or refuse to. */
class PostgresBinariesTest {

    private static final String ROOT_WITHOUT_NAMESPACES = "PostgreSQL refuses to run as root and user namespaces are "
            + "unavailable. Run the service as an unprivileged user or set LEDGER_DB_URL to use an external PostgreSQL";

    @Test
    void asRootPostgresRunsWhereAUserNamespaceCanBeEntered() {
        assertThatCode(() -> PostgresBinaries.requireRunnable(true, List.of("env"))).doesNotThrowAnyException();
    }

    @Test
    void asRootAStartWhereUserNamespacesAreRefusedStopsSayingWhatToDo() {
        assertThatThrownBy(() -> PostgresBinaries.requireRunnable(true, List.of("false")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessage(ROOT_WITHOUT_NAMESPACES);
    }

    @Test
    void asRootAStartWithoutUnshareStopsSayingWhatToDo() {
        assertThatThrownBy(() -> PostgresBinaries.requireRunnable(true, List.of("/nonexistent/unshare")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessage(ROOT_WITHOUT_NAMESPACES);
    }

    @Test
    void anUnprivilegedUserNeedsNoUserNamespace() {
        assertThatCode(() -> PostgresBinaries.requireRunnable(false, List.of("/nonexistent/unshare")))
                .doesNotThrowAnyException();
    }
}
