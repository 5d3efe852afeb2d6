package io.ledger.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.ledger.api.event.LedgerEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads request bodies strictly: a value of the wrong JSON type is refused rather than converted (Jackson would
 * record {@code "durationMs": 1.5} as 1 and {@code "actor": 123} as "123"), a key given twice is refused rather than
 * resolved by its last value, nothing may follow the body's value, an instant must be ISO-8601 text, and text the
 * ledger cannot store is refused by field. The strict mapper is a copy that only the HTTP layer uses: Axon reads
 * stored events with the application's own, and an event stored before these rules must still load.
 */
@Configuration(proxyBeanMethods = false)
class RequestJson {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(strict(json));
    }

    static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Jackson stops after the first value: "{...} junk" or two concatenated events would record the first.
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // A null in a list names nothing ("checks": [null]); refused by Jackson, the problem names its index.
        strict.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        strict.registerModule(new SimpleModule("strict-request")
                .addDeserializer(String.class, new StorableStrings())
                .addDeserializer(Instant.class, new IsoInstants())
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config,
                            BeanDescription description, JsonDeserializer<?> deserializer) {
                        return description.getBeanClass() == LedgerEvent.class
                                ? new EventObjects(deserializer) : deserializer;
                    }
                }));
        return strict;
    }

    /**
     * An event is one JSON object. Jackson would also read it in the wrapper-array form ({@code ["aborted", {…}]}),
     * a second spelling no client is told of, and would call {@code [1]} an event of the unknown type '1'.
     */
    private static final class EventObjects extends DelegatingDeserializer {

        EventObjects(JsonDeserializer<?> events) {
            super(events);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> events) {
            return new EventObjects(events);
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
                throws IOException {
            if (!parser.isExpectedStartObjectToken()) {
                return context.reportInputMismatch(this, "the body must be a JSON object");
            }
            return super.deserializeWithType(parser, context, types);
        }
    }

    /**
     * Instants as ISO-8601 text only. Jackson would also take a number, as epoch seconds: a runner that sends epoch
     * milliseconds would be recorded tens of thousands of years out, or refused for a reason that hides the cause.
     */
    private static final class IsoInstants extends StdScalarDeserializer<Instant> {

        IsoInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /** Jackson's own string reading, coercion rules included, then {@link StorableText}'s. */
    private static final class StorableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            Optional<String> problem = text == null ? Optional.empty() : StorableText.problem(text);
            if (problem.isPresent()) {
                return context.reportInputMismatch(String.class, "%s", problem.get());
            }
            return text;
        }
    }
}
