package io.ledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds and validates every {@code ledger.*} settings class before anything starts, as Spring binds them later: a
 * value the ledger cannot use ({@code LEDGER_MAX_CONCURRENT_WRITES=0}) would otherwise stop the start only once the
 * database had started and its schema been migrated, among the stack traces of the threads already running. Spring
 * Boot's own failure analysis reports it. The classes are those the settings' metadata names.
 */
class SettingsCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(Environment environment) {
        Binder binder = Binder.get(environment);
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            ValidationBindHandler validating = new ValidationBindHandler(
                    new SpringValidatorAdapter(validation.getValidator()));
            for (Setting setting : settings()) {
                binder.bind(setting.prefix(), Bindable.of(setting.type()), validating);
            }
        }
    }

    /** Each settings class of the ledger's, with its prefix: the metadata's groups that are classes of their own. */
    static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (JsonNode group : SettingsMetadata.entries("groups")) {
            String type = group.path("type").asText();
            String prefix = group.path("name").asText();
            if (prefix.startsWith("ledger") && type.equals(group.path("sourceType").asText())) {
                try {
                    settings.add(new Setting(prefix, Class.forName(type)));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("the settings' metadata names a class the service lacks", e);
                }
            }
        }
        return settings;
    }

    record Setting(String prefix, Class<?> type) {
    }
}
