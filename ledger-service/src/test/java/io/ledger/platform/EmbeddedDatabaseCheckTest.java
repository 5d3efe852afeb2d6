package io.ledger.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseCheckTest {

    @TempDir
    Path temp;

    @Test
    void aDataDirectoryUnderARegularFileIsRefusedNamingTheSettingToChange() throws Exception {
        Path data = Files.createFile(temp.resolve("a-file")).resolve("data");

        assertThatThrownBy(() -> EmbeddedDatabaseCheck.requireWritable(data))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessage("Data directory " + data + " is not writable (Not a directory). Set LEDGER_DATA_DIR "
                        + "(ledger.embedded.data-dir) to a directory this user can write");
    }

    @Test
    void aDataDirectoryThatIsARegularFileIsRefusedSayingSo() throws Exception {
        Path data = Files.createFile(temp.resolve("data"));

        assertThatThrownBy(() -> EmbeddedDatabaseCheck.requireWritable(data))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageStartingWith("Data directory " + data + " is not writable (it is a file, not a directory).");
    }

    @Test
    void aMissingDataDirectoryIsCreatedAndLeftEmpty() throws Exception {
        Path data = temp.resolve("new").resolve("data");

        EmbeddedDatabaseCheck.requireWritable(data);

        assertThat(data).isEmptyDirectory();
    }
}
