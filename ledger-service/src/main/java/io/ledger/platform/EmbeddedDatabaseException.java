package io.ledger.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The embedded PostgreSQL cannot start, with what the operator should change. */
class EmbeddedDatabaseException extends UnusableSettingException {

    EmbeddedDatabaseException(String problem, String action, Throwable cause) {
        super(problem, action, cause);
    }

    static EmbeddedDatabaseException notWritable(Path directory, IOException e) {
        return new EmbeddedDatabaseException("Data directory " + directory + " is not writable (" + reason(e) + ")",
                "Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory this user can write", e);
    }

    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            // what createDirectories throws for a path that is a file, not a directory
            return "it is a file, not a directory";
        }
        if (e instanceof FileSystemException fileSystem) {
            // Its message repeats the path, and an AccessDeniedException has no reason but its name.
            return fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
