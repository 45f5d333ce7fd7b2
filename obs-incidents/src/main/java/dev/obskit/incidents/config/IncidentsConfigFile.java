package dev.obskit.incidents.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.ResponderDirectory;
import dev.obskit.incidents.oncall.ScheduleService;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration as code for incident response (the Terraform provider's resources, in a form an
 * embedded library can use): notification channels, responders, services, escalation policies
 * (steps, branches) and schedules (layers, overrides) from a YAML or JSON file kept in version
 * control, read with the same Jackson YAML library as obs-uptime's monitor files.
 *
 * <ul>
 *   <li>{@link #load}/{@link #parse}: all-or-nothing; every problem is collected into one
 *       {@link IncidentsConfigException}, each naming the file, the path and the bad value;
 *       unknown fields are errors (a typo must not silently drop a setting); references between
 *       objects of the file are checked. Files over {@link #MAX_FILE_BYTES} are refused, and
 *       parsing keeps Jackson/SnakeYAML's limits on aliases plus a nesting limit.
 *   <li>{@link #apply}: idempotent; unchanged objects are not written, so they keep their ids,
 *       versions and history; changed ones are stored at the next version.
 *   <li>{@link #export}: writes the same format back; exporting and parsing gives an equal
 *       definition.
 * </ul>
 * Stateless and thread-safe.
 */
public final class IncidentsConfigFile {
  /** Largest file accepted. */
  public static final int MAX_FILE_BYTES = 1 << 20;
  /** The {@code source} of overrides declared in a configuration file. */
  public static final String SOURCE = "config";

  private IncidentsConfigFile() {}

  /** Loads {@code file}: JSON when its name ends in {@code .json}, YAML otherwise. */
  public static IncidentsDefinition load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new IncidentsConfigException(List.of(name + ": file is " + size
            + " bytes, over the " + MAX_FILE_BYTES + " byte limit"));
      }
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      return parse(text, isJson(file), name);
    } catch (CharacterCodingException e) {
      throw new IncidentsConfigException(List.of(name + ": is not valid UTF-8"));
    } catch (IOException e) {
      throw new IncidentsConfigException(List.of(name + ": cannot read: "
          + e.getClass().getSimpleName()));
    }
  }

  /** Parses {@code text}; {@code source} names it in error messages. */
  public static IncidentsDefinition parse(String text, boolean json, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    if (text.length() > MAX_FILE_BYTES) {
      throw new IncidentsConfigException(List.of(source + ": content is over the "
          + MAX_FILE_BYTES + " byte limit"));
    }
    JsonNode root;
    try {
      root = mapper(json).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IncidentsConfigException(List.of(source + ": not valid " + (json ? "JSON" : "YAML")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
          + ": " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new IncidentsConfigException(List.of(source + ": the top level must be an object with"
          + " team, channels, responders, services, escalationPolicies and/or schedules"));
    }
    return new DefinitionParser(source).parse(root);
  }

  /** Writes {@code definition} as YAML or JSON in the format {@link #parse} reads. */
  public static String export(IncidentsDefinition definition, boolean json) {
    Objects.requireNonNull(definition, "definition");
    try {
      return mapper(json).enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(DefinitionWriter.write(definition));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the definition", e);
    }
  }

  /**
   * Makes the stores say what {@code definition} says: creates what is missing, updates what
   * differs (at the next version), leaves what is equal untouched. A schedule keeps its cover
   * requests and the overrides added by hand or by an iCal feed; only its name, zone, layers and
   * {@link #SOURCE} overrides come from the file. Not atomic across objects: a failure part-way
   * (a concurrent edit) leaves earlier objects applied; applying again finishes the job.
   */
  public static ApplyReport apply(IncidentsDefinition definition, ServiceCatalog catalog,
      EscalationPolicyRepository policies, ResponderDirectory responders, ScheduleService schedules) {
    return new DefinitionApplier(catalog, policies, responders, schedules).apply(definition);
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static ObjectMapper mapper(boolean json) {
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(50).maxStringLength(MAX_FILE_BYTES).build());
    return mapper;
  }
}
