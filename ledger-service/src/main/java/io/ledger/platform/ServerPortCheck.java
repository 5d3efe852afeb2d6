package io.ledger.platform;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Stops a start whose HTTP port cannot be listened on before anything else starts. Tomcat binds its port only once
 * the database, Flyway and the read models are up, so its own failure comes many seconds later, after theirs. That
 * failure stays the backstop for a port taken between this check and Tomcat's bind.
 */
class ServerPortCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        // Only a context that starts a server of its own: not a test's mock web environment, nor a non-web one.
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
            return;
        }
        Binder settings = Binder.get(event.getApplicationContext().getEnvironment());
        requireFree(settings.bind("server.address", InetAddress.class).orElse(null),
                settings.bind("server.port", Integer.class).orElse(8080));
    }

    /**
     * Port 0 asks for any free port, which cannot be taken. A negative one would start the ledger without any HTTP
     * server, which nobody can use, and one over 65535 fails in Tomcat with a stack trace.
     */
    static void requireFree(InetAddress address, int port) {
        if (port < 0 || port > 65535) {
            throw new UnusableSettingException("Cannot listen on port " + port + ": a port is a number from 1 to 65535",
                    "Set SERVER_PORT (server.port) to a free port from 1 to 65535, or to 0 for any free port", null);
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            // Java's default on Unix, and so Tomcat's: connections a stopped ledger left in TIME_WAIT are no obstacle.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            String problem = "Cannot listen on port " + port;
            String action = "Stop the process that listens on port " + port
                    + ", or set SERVER_PORT (server.port) to a free port";
            if (address != null) {
                problem += " of " + address.getHostAddress();
                action += "; SERVER_ADDRESS (server.address) must be an address of this host";
            }
            throw new UnusableSettingException(problem + " (" + e.getMessage() + ")", action, e);
        } catch (IOException e) {
            // Not the address or the port: Tomcat reports it, should it recur when Tomcat binds.
        }
    }
}
