package org.losslandscape.pipeline.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.measures.MeasureSchemas;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;
import org.losslandscape.pipeline.results.Json;

/**
 * The committed schema ({@code results/summary.schema.json}) is the complete one: its {@code
 * measures} definition is what {@link Measures#ALL} gives, closed to other sections, so that adding
 * a measure without regenerating the file fails here; and the committed reference summaries of the
 * current format are valid against it.
 */
class PublishedSchemaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String committed() throws IOException {
    return Files.readString(
        SummarySchema.repositoryFile(MeasureSchemas.PUBLISHED), StandardCharsets.UTF_8);
  }

  @Test
  void theCommittedSchemaIsWhatTheMeasuresGive() throws IOException {
    String committed = committed();
    assertThat(committed)
        .as(
            "%s is not what Measures.ALL gives (a measure was added, removed or its"
                + " summarySchema changed): regenerate it with%n  %s",
            MeasureSchemas.PUBLISHED, MeasureSchemas.HOW_TO_REGENERATE)
        .isEqualTo(MeasureSchemas.regenerate(committed));
  }

  @Test
  void everyMeasureWithASectionHasItsOwnSchemaThereAndNoOtherSectionIsAllowed() throws IOException {
    JsonNode measures = MAPPER.readTree(committed()).at("/$defs/measures");
    List<String> expected = new ArrayList<>(List.of("loss"));
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (m.summaryType() != null) {
        expected.add(m.sectionName());
        assertThat(measures.get("properties").get(m.sectionName()))
            .as(m.name())
            .isEqualTo(MAPPER.readTree(m.summarySchema()));
      }
    }
    List<String> names = new ArrayList<>();
    measures.get("properties").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(measures.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void regeneratingRebuildsTheMeasuresFromTheRegistryAndKeepsEveryOtherCharacter()
      throws IOException {
    String committed = committed();
    String start = "\"measures\": {";
    int at = committed.indexOf("\n    " + start) + 5 + start.length() - 1;
    int end = committed.indexOf("\n    },\n", at) + 6;
    String before = committed.substring(0, at);
    String after = committed.substring(end);
    // A stale definition: an old section, a field that is gone, on one line.
    String stale =
        before
            + "{\"type\": \"object\", \"properties\": {\"loss\": {}, \"old_measure\": {}}}"
            + after;

    String regenerated = MeasureSchemas.regenerate(stale);

    assertThat(regenerated).startsWith(before).endsWith(after);
    assertThat(MAPPER.readTree(regenerated)).isEqualTo(MAPPER.readTree(committed));
    assertThat(MAPPER.readTree(regenerated).at("/$defs/measures/properties").has("old_measure"))
        .isFalse();
    assertThat(MeasureSchemas.regenerate(regenerated)).isEqualTo(regenerated);
  }

  @Test
  void aSchemaWithoutTheMeasuresDefinitionIsRefusedByName() {
    assertThatThrownBy(() -> MeasureSchemas.regenerate("{\"$defs\": {\"other\": {}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$defs/measures");
    assertThatThrownBy(() -> MeasureSchemas.regenerate("{\"$defs\": {"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  /**
   * Every committed reference summary of the current format is valid; those of an older format
   * (written before the format's last bump, and kept as the runs that made the figures) are refused
   * for their version.
   */
  @Test
  void theReferenceSummariesOfTheCurrentFormatAreValid() throws IOException {
    Path reference = SummarySchema.repositoryFile("results/reference");
    List<Path> files;
    try (Stream<Path> folders = Files.list(reference)) {
      files =
          folders
              .map(f -> f.resolve("summary.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    int current = 0;
    for (Path file : files) {
      JsonNode summary = Json.read(file);
      if (summary.path("format_version").asInt() == Summary.FORMAT_VERSION) {
        assertThat(SummarySchema.errors(summary)).as("schema errors in " + file).isEmpty();
        current++;
      } else {
        assertThat(SummarySchema.errors(summary))
            .as("an older format in " + file)
            .anyMatch(e -> e.contains("format_version"));
      }
    }
    assertThat(current).as("reference summaries of format %d", Summary.FORMAT_VERSION).isPositive();
  }
}
