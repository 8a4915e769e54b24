package org.losslandscape.pipeline.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.measures.MeasureResult;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;
import org.losslandscape.pipeline.stages.RunMeasures;

/**
 * A run's measures beyond its slices ({@link RunMeasures}) as JSON text, so that a sweep task can
 * send them back with its result and the merging machine gets the very records the task computed.
 * Each measure's result is a field named after the measure ({@link ModelMeasure#name}) and read
 * back as its {@link ModelMeasure#resultType}; the records live in {@code models} and are not
 * {@link java.io.Serializable}, so Jackson writes them component by component, with the type names
 * the measures give their sealed definitions ({@link ModelMeasure#jsonMixIns}). Non-finite numbers
 * travel as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class MeasuresCodec {

  private static final ObjectMapper MAPPER = mapper();

  private MeasuresCodec() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = JsonMappers.base();
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      m.jsonMixIns().forEach(mapper::addMixIn);
    }
    return mapper;
  }

  /** {@link RunMeasures} on the wire: the run, the loss, each measure's result by its name. */
  private record Wire(RunId run, double loss, Map<String, JsonNode> results) {}

  /** {@code measures} as JSON text. */
  static String encode(RunMeasures measures) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    for (MeasureResult<?> r : measures.results()) {
      results.put(r.measure().name(), MAPPER.valueToTree(r.value()));
    }
    try {
      return MAPPER.writeValueAsString(new Wire(measures.run(), measures.loss(), results));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the measures of " + measures.run(), e);
    }
  }

  /** The measures {@code json} holds. */
  static RunMeasures decode(String json) {
    try {
      Wire wire = MAPPER.readValue(json, Wire.class);
      List<MeasureResult<?>> results = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : wire.results().entrySet()) {
        ModelMeasure<?, ?> measure =
            Measures.named(e.getKey())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "a sweep task sent a measure this tool does not know: " + e.getKey()));
        results.add(read(measure, e.getValue()));
      }
      return new RunMeasures(wire.run(), wire.loss(), results);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read a sweep task's measures: " + e.getOriginalMessage(), e);
    }
  }

  private static <R> MeasureResult<R> read(ModelMeasure<R, ?> measure, JsonNode node)
      throws JsonProcessingException {
    return new MeasureResult<>(measure, MAPPER.treeToValue(node, measure.resultType()));
  }
}
