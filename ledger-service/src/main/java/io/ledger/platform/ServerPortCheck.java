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

    /** Port 0 asks for any free port and a negative one for no server at all: neither can be taken. */
    static void requireFree(InetAddress address, int port) {
        if (port <= 0) {
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
