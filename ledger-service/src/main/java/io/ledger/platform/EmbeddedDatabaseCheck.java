package io.ledger.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Stops a start whose embedded PostgreSQL could not run as this user, could not write its data directory, or whose
 * data directory another ledger holds, before anything else starts. The database itself starts only when Tomcat
 * creates the filters that need it, after the whole context was read, so its own failure comes seconds later and
 * after Spring's lines about those filters.
 */
class EmbeddedDatabaseCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (EmbeddedDatabaseConfiguration.isEmbedded(environment)) {
            Path directory = Binder.get(environment).bindOrCreate("ledger.embedded", LedgerProperties.Embedded.class)
                    .dataDir().toAbsolutePath().normalize();
            PostgresBinaries.requireRunnable();
            requireWritable(directory);
            EmbeddedPostgres.requireFree(directory);
        }
    }

    /** {@code directory} absolute and normalised, as the embedded PostgreSQL names it. */
    static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
            // A file of its own, not ledger.lock: closing a channel on that would drop the lock of a ledger running
            // in this JVM (a test's), since POSIX locks belong to the process.
            Files.delete(Files.createTempFile(directory, "write-check", ".tmp"));
        } catch (IOException e) {
            throw EmbeddedDatabaseException.notWritable(directory, e);
        }
    }
}
