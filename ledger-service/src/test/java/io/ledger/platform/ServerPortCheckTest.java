package io.ledger.platform;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerPortCheckTest {

    @Test
    void aPortInUseIsRefusedNamingThePortAndTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> ServerPortCheck.requireFree(null, port))
                    .isInstanceOf(UnusableSettingException.class)
                    .hasMessage("Cannot listen on port " + port + " (Address already in use). Stop the process that "
                            + "listens on port " + port + ", or set SERVER_PORT (server.port) to a free port");
        }
    }

    @Test
    void aPortInUseOnTheConfiguredAddressNamesThatAddressToo() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> ServerPortCheck.requireFree(loopback, port))
                    .hasMessageStartingWith("Cannot listen on port " + port + " of " + loopback.getHostAddress())
                    .hasMessageEndingWith("; SERVER_ADDRESS (server.address) must be an address of this host");
        }
    }

    @Test
    void portZeroAsksForAnyFreePortAndIsNotChecked() {
        assertThatCode(() -> ServerPortCheck.requireFree(null, 0)).doesNotThrowAnyException();
    }
}
