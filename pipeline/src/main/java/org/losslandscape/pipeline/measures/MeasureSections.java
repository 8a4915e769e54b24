package org.losslandscape.pipeline.measures;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.pipeline.summary.MeasuresSummary;

/**
 * Reads {@code summary.json}'s {@code measures} back: {@code loss}, then each field a measure of
 * {@link Measures#ALL} names, as that measure's section record. Fields no measure names (a newer
 * tool's) are skipped, as every reader of the tool's files does.
 */
public final class MeasureSections {

  private MeasureSections() {}

  /** The Jackson module that reads {@link MeasuresSummary}. */
  public static SimpleModule module() {
    return new SimpleModule("measure-sections")
        .addDeserializer(MeasuresSummary.class, new Reader());
  }

  private static final class Reader extends StdDeserializer<MeasuresSummary> {

    Reader() {
      super(MeasuresSummary.class);
    }

    @Override
    public MeasuresSummary deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = parser.readValueAsTree();
      JsonNode loss = tree.get("loss");
      List<MeasuresSummary.Section> sections = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Optional<ModelMeasure<?, ?>> measure = Measures.withSection(field.getKey());
        if (measure.isPresent() && field.getValue().isObject()) {
          Record body = context.readTreeAsValue(field.getValue(), measure.get().summaryType());
          sections.add(new MeasuresSummary.Section(field.getKey(), body));
        }
      }
      return new MeasuresSummary(
          loss == null || loss.isNull() ? Double.NaN : loss.asDouble(), sections);
    }
  }
}
