package org.losslandscape.pipeline.measures;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code summary.json}'s JSON Schema that the measures write: the {@code measures}
 * definition of the published schema ({@code results/summary.schema.json}), made from {@link
 * Measures#ALL}: the loss, then every measure's section ({@link ModelMeasure#summarySchema}), and
 * no other field. The rest of the file is written by hand; {@link #regenerate} replaces the {@code
 * $defs/measures} object in its text and leaves every other character as it was, so that adding a
 * measure changes only its own lines of the file. {@link #main} rewrites the file; a test fails
 * while the committed file differs from what the registry gives.
 */
public final class MeasureSchemas {

  /** The published schema, relative to the repository's root. */
  public static final String PUBLISHED = "results/summary.schema.json";

  /** How to bring the published schema up to date, for messages that find it stale. */
  public static final String HOW_TO_REGENERATE =
      "mvn -o -q package -pl pipeline -am -DskipTests && java -cp pipeline/target/loss-landscape.jar"
          + " "
          + MeasureSchemas.class.getName()
          + " "
          + PUBLISHED;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String DESCRIPTION =
      "the first seed's measures beyond the slices, on the mean training loss over the landscape"
          + " samples (--measures): the loss, then one section per measure, named after it";

  private static final String COMMENT =
      "Generated from the list of measures (Measures.ALL): each section is its measure's"
          + " ModelMeasure.summarySchema (pipeline/src/main/java/org/losslandscape/pipeline/"
          + "measures/). Do not edit it here; regenerate it (pipeline/README.md, 'Adding a"
          + " measure').";

  private MeasureSchemas() {}

  /**
   * Rewrites the published schema's {@code measures} definition from {@link Measures#ALL}.
   *
   * @param args the schema file ({@value #PUBLISHED} when none is given)
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : PUBLISHED);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String regenerated = regenerate(text);
    if (regenerated.equals(text)) {
      System.out.println(file + " is up to date with the " + Measures.ALL.size() + " measures");
      return;
    }
    Files.writeString(file, regenerated, StandardCharsets.UTF_8);
    System.out.println(
        "wrote "
            + file
            + ": its measures definition from the "
            + Measures.ALL.size()
            + " measures");
  }

  /**
   * {@code schema} (the text of the published schema) with its {@code $defs/measures} object made
   * again from {@link Measures#ALL}, every other character unchanged.
   *
   * @throws IllegalArgumentException when the text is not JSON or has no {@code $defs/measures}
   */
  public static String regenerate(String schema) {
    int[] span = measuresSpan(schema);
    int lineStart = schema.lastIndexOf('\n', span[0]) + 1;
    String indent = schema.substring(lineStart, span[0]).replaceAll("\\S.*", "");
    return schema.substring(0, span[0]) + measuresDefinition(indent) + schema.substring(span[1]);
  }

  /** The {@code measures} definition as text, its closing brace at {@code indent}. */
  static String measuresDefinition(String indent) {
    String in = indent + "  ";
    List<String> properties = new ArrayList<>();
    properties.add(in + "  \"loss\": {\"$ref\": \"#/$defs/nullable_number\"}");
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (m.summaryType() != null) {
        properties.add(in + "  " + quoted(m.sectionName()) + ": " + section(m, in + "  "));
      }
    }
    return "{\n"
        + in
        + "\"type\": \"object\",\n"
        + in
        + "\"description\": "
        + quoted(DESCRIPTION)
        + ",\n"
        + in
        + "\"$comment\": "
        + quoted(COMMENT)
        + ",\n"
        + in
        + "\"properties\": {\n"
        + String.join(",\n", properties)
        + "\n"
        + in
        + "},\n"
        + in
        + "\"patternProperties\": {\"_reason$\": {\"$ref\": \"#/$defs/reason\"}},\n"
        + in
        + "\"required\": [\"loss\"],\n"
        + in
        + "\"additionalProperties\": false\n"
        + indent
        + "}";
  }

  /** A measure's section schema, its lines after the first indented by {@code indent}. */
  private static String section(ModelMeasure<?, ?> m, String indent) {
    String text = m.summarySchema().strip();
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the summary schema of measure " + m.name() + " is not JSON: " + e.getOriginalMessage(),
          e);
    }
    if (!parsed.isObject()) {
      throw new IllegalStateException(
          "the summary schema of measure " + m.name() + " is not a JSON object");
    }
    return text.replace("\n", "\n" + indent);
  }

  private static String quoted(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where the value of {@code $defs/measures} starts and ends (exclusive) in {@code schema}. */
  private static int[] measuresSpan(String schema) {
    try (JsonParser p = MAPPER.getFactory().createParser(schema)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          boolean defs = p.currentName().equals("$defs");
          if (p.nextToken() == JsonToken.START_OBJECT && defs) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              boolean measures = p.currentName().equals("measures");
              JsonToken value = p.nextToken();
              if (measures && value == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                return new int[] {start, (int) p.currentTokenLocation().getCharOffset() + 1};
              }
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the schema is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("the schema has no $defs/measures object");
  }
}
