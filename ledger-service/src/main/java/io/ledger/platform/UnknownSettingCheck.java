package io.ledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stops a start that sets a {@code ledger.*} key the ledger does not have: a misspelled setting
 * ({@code ledger.alerts.scan-intervall}) would otherwise be ignored without a word, and the default used. The keys it
 * has are those of the metadata Spring Boot's configuration processor writes for its settings classes. Environment
 * variables are not checked: a shell holds {@code LEDGER_*} variables of other programs (the command-line tool's
 * {@code LEDGER_TOKEN}), and {@code LEDGER_DB_URL} and its like are read through application.yml.
 */
class UnknownSettingCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    private static final String PREFIX = "ledger.";

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        List<String> unknown = unknown(event.getApplicationContext().getEnvironment(), known());
        if (!unknown.isEmpty()) {
            throw new UnusableSettingException((unknown.size() == 1 ? "Unknown setting " : "Unknown settings ")
                    + String.join("; ", unknown),
                    "Correct or remove " + (unknown.size() == 1 ? "it" : "them")
                            + ": docs/configuration.md lists every ledger.* setting", null);
        }
    }

    /** Each {@code ledger.*} key no setting has, with where it was set, in the order of the keys. */
    static List<String> unknown(Environment environment, Map<String, Boolean> known) {
        Map<String, String> unknown = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource names)
                    || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            names.stream().filter(name -> name.toString().startsWith(PREFIX) && !isKnown(name, known))
                    .forEach(name -> unknown.putIfAbsent(name.toString(),
                            where(source.getConfigurationProperty(name))));
        }
        return unknown.entrySet().stream().map(key -> key.getKey() + key.getValue()).toList();
    }

    /**
     * A setting itself, or a key inside one that holds a map, a list or settings of its own
     * ({@code ledger.alerts.sinks[0].url}, {@code ledger.policy.environments.prod.backup-window}), compared as Spring
     * binds them: {@code ledger.maxClockSkew} and {@code ledger.max_clock_skew} are {@code ledger.max-clock-skew}.
     */
    private static boolean isKnown(ConfigurationPropertyName name, Map<String, Boolean> known) {
        return known.entrySet().stream().anyMatch(setting -> {
            ConfigurationPropertyName settingName = ConfigurationPropertyName.of(setting.getKey());
            return settingName.equals(name) || setting.getValue() && settingName.isAncestorOf(name);
        });
    }

    private static String where(ConfigurationProperty property) {
        return property == null || property.getOrigin() == null ? "" : " (" + property.getOrigin() + ")";
    }

    /** Each setting, and whether it holds keys of its own: a collection, or a type of the ledger's (a policy). */
    static Map<String, Boolean> known() {
        Map<String, Boolean> names = new TreeMap<>();
        for (JsonNode property : SettingsMetadata.entries("properties")) {
            String name = property.path("name").asText();
            String type = property.path("type").asText();
            if (name.startsWith(PREFIX)) {
                names.put(name, type.startsWith("java.util.") || type.startsWith("io.ledger."));
            }
        }
        return names;
    }
}
