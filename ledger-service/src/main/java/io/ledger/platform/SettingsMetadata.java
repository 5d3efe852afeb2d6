package io.ledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The metadata Spring Boot's configuration processor writes for the settings classes: each setting with its type
 * ({@code properties}), each settings class with its prefix ({@code groups}).
 */
final class SettingsMetadata {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private SettingsMetadata() {
    }

    /** Every entry of {@code section} ({@code properties} or {@code groups}) of every metadata file. */
    static List<JsonNode> entries(String section) {
        List<JsonNode> entries = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL metadata : Collections.list(SettingsMetadata.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = metadata.openStream()) {
                    json.readTree(in).path(section).forEach(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings' metadata", e);
        }
        return entries;
    }
}
