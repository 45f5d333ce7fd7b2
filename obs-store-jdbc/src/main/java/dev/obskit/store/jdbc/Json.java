package dev.obskit.store.jdbc;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.obskit.core.store.StoreException;
import java.lang.reflect.Modifier;

/**
 * Maps the modules' immutable records to the JSON documents kept in the {@code body} columns and
 * back, through their canonical constructors (so every record's own validation runs on read).
 * Fields only, never getters; a type id only where a field's declared type is an ObsKit interface
 * or abstract class (sealed hierarchies such as escalation targets), and only ObsKit classes may be
 * named there. Thread-safe.
 */
final class Json {
  private static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    PolymorphicTypeValidator obskitOnly = BasicPolymorphicTypeValidator.builder()
        .allowIfSubType("dev.obskit.").build();
    StdTypeResolverBuilder typing = new ObsKitTyping(obskitOnly)
        .init(JsonTypeInfo.Id.CLASS, null).inclusion(JsonTypeInfo.As.PROPERTY).typeProperty("@t");
    return JsonMapper.builder()
        .addModule(new JavaTimeModule()).addModule(new Jdk8Module())
        .visibility(PropertyAccessor.ALL, Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, Visibility.ANY)
        .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setDefaultTyping(typing)
        .build();
  }

  /** Adds serializers for a module's non-record value types; idempotent per module name. */
  static void register(com.fasterxml.jackson.databind.Module module) {
    synchronized (MAPPER) {
      if (!MAPPER.getRegisteredModuleIds().contains(module.getTypeId())) {
        MAPPER.registerModule(module);
      }
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write " + value.getClass().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot read a stored " + type.getName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code value} without its field {@code field} (kept in its own table). */
  static String writeWithout(Object value, String field) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
    tree.remove(field);
    return tree.toString();
  }

  /** Reads {@code body} with field {@code field} set to the array of {@code elements} (JSON). */
  static <T> T readWith(String body, String field, java.util.List<String> elements, Class<T> type) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(body);
      com.fasterxml.jackson.databind.node.ArrayNode array = tree.putArray(field);
      for (String e : elements) {
        array.add(MAPPER.readTree(e));
      }
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      throw new StoreException("cannot read a stored " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Default typing for ObsKit's abstract types only. */
  private static final class ObsKitTyping extends ObjectMapper.DefaultTypeResolverBuilder {
    private static final long serialVersionUID = 1L;

    ObsKitTyping(PolymorphicTypeValidator validator) {
      super(ObjectMapper.DefaultTyping.NON_FINAL, validator);
    }

    @Override
    public boolean useForType(JavaType t) {
      Class<?> raw = t.getRawClass();
      return raw.getName().startsWith("dev.obskit.")
          && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
          && !raw.isEnum();
    }
  }
}
