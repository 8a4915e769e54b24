package org.losslandscape.pipeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.losslandscape.pipeline.measures.MeasureSchemas;
import org.losslandscape.pipeline.results.Json;

/**
 * The published JSON Schema of {@code summary.json} ({@code results/summary.schema.json}, shipped
 * in the jar; its measures' sections made by {@link MeasureSchemas}), checked with a real validator
 * (networknt json-schema-validator, draft 2020-12). Every test that writes a summary validates it
 * here.
 */
public final class SummarySchema {

  private static final Schema SCHEMA = load();

  private SummarySchema() {}

  private static Schema load() {
    try (InputStream in = SummarySchema.class.getResourceAsStream("summary.schema.json")) {
      assertThat(in).as("summary.schema.json on the classpath").isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new ObjectMapper().readTree(in));
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository's file {@code relative} (e.g. {@link MeasureSchemas#PUBLISHED}): the tests run
   * in the module's folder, the file lies under the first folder up that holds both modules.
   */
  public static Path repositoryFile(String relative) {
    Path dir = Path.of("").toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("pipeline")) && Files.isDirectory(d.resolve("models"))) {
        return d.resolve(relative);
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
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
