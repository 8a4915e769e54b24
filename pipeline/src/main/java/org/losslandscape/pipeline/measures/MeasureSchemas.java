package org.losslandscape.pipeline.measures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of {@code summary.json}'s JSON Schema that the measures write: the published schema
 * ({@code results/summary.schema.json}) describes the {@code measures} object with its loss and
 * leaves each section open; {@link #complete} puts in every section's schema from {@link
 * Measures#ALL} and closes the object to them.
 */
public final class MeasureSchemas {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MeasureSchemas() {}

  /**
   * {@code schema} (the published one, changed in place and returned) with every measure's section
   * under {@code $defs/measures/properties} and no other field allowed there.
   */
  public static ObjectNode complete(ObjectNode schema) {
    ObjectNode measures = (ObjectNode) schema.path("$defs").path("measures");
    if (!(measures.get("properties") instanceof ObjectNode properties)) {
      throw new IllegalArgumentException("the schema has no $defs/measures/properties");
    }
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (m.summaryType() == null) {
        continue;
      }
      try {
        properties.set(m.sectionName(), MAPPER.readTree(m.summarySchema()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "the summary schema of measure " + m.name() + " is not JSON: " + e.getOriginalMessage(),
            e);
      }
    }
    measures.put("additionalProperties", false);
    return schema;
  }
}
