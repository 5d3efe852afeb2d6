package io.ledger;

import jakarta.validation.Validation;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.Map;

/** Binds settings as the service does at start, validation included, so that a test sees the start refuse them. */
public final class ValidatedSettings {

    private ValidatedSettings() {
    }

    public static <T> T bind(String prefix, Class<T> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, Bindable.of(type),
                new ValidationBindHandler(new SpringValidatorAdapter(
                        Validation.buildDefaultValidatorFactory().getValidator())));
    }
}
