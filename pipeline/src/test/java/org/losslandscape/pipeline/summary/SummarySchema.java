package org.losslandscape.pipeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.losslandscape.pipeline.measures.MeasureSchemas;
import org.losslandscape.pipeline.results.Json;

/**
 * The published JSON Schema of {@code summary.json} ({@code results/summary.schema.json}, shipped
 * in the jar) with each measure's section put in ({@link MeasureSchemas}), checked with a real
 * validator (networknt json-schema-validator, draft 2020-12). Every test that writes a summary
 * validates it here.
 */
public final class SummarySchema {

  private static final Schema SCHEMA = load();

  private SummarySchema() {}

  private static Schema load() {
    try (InputStream in = SummarySchema.class.getResourceAsStream("summary.schema.json")) {
      assertThat(in).as("summary.schema.json on the classpath").isNotNull();
      // The published file with each measure's section put in from the registry of measures.
      ObjectNode schema = MeasureSchemas.complete((ObjectNode) new ObjectMapper().readTree(in));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The validator's complaints about {@code summary} (empty when it is valid). */
  public static List<String> errors(JsonNode summary) {
    return SCHEMA.validate(summary).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }

  /** Fails with the validator's messages unless {@code file} is a valid summary. */
  public static JsonNode assertValid(Path file) {
    JsonNode summary = Json.read(file);
    assertThat(errors(summary)).as("schema errors in " + file).isEmpty();
    return summary;
  }
}
