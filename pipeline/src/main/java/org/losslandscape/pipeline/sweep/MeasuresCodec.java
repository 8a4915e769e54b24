package org.losslandscape.pipeline.sweep;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.sharpness.AverageCaseDefinition;
import org.losslandscape.models.sharpness.WorstCaseDefinition;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.stages.RunMeasures;

/**
 * A run's measures beyond its slices ({@link RunMeasures}: Hessian eigenvalues and trace, spectral
 * density, worst- and average-case sharpness) as JSON text, so that a sweep task can send them back
 * with its result and the merging machine gets the very records the task computed. The records live
 * in {@code models} and are not {@link java.io.Serializable}; Jackson writes them component by
 * component, with the two sealed definition types named by a {@code type} field. Non-finite numbers
 * travel as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class MeasuresCodec {

  private static final ObjectMapper MAPPER =
      JsonMappers.base()
          .addMixIn(WorstCaseDefinition.class, WorstCaseTypes.class)
          .addMixIn(AverageCaseDefinition.class, AverageCaseTypes.class);

  private MeasuresCodec() {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = WorstCaseDefinition.L2Ball.class, name = "l2_ball"),
    @JsonSubTypes.Type(value = WorstCaseDefinition.AdaptiveBall.class, name = "adaptive_ball"),
    @JsonSubTypes.Type(value = WorstCaseDefinition.KeskarBox.class, name = "keskar_box")
  })
  private interface WorstCaseTypes {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AverageCaseDefinition.Isotropic.class, name = "isotropic"),
    @JsonSubTypes.Type(value = AverageCaseDefinition.ElementScaled.class, name = "element_scaled")
  })
  private interface AverageCaseTypes {}

  /** {@link RunMeasures} with its absent parts as nulls, which Jackson writes and reads as is. */
  private record Wire(
      RunId run,
      double loss,
      RunMeasures.Hessian hessian,
      SpectralDensity spectrum,
      RunMeasures.WorstCase worstCase,
      RunMeasures.AverageCase averageCase) {}

  /** {@code measures} as JSON text. */
  static String encode(RunMeasures measures) {
    Wire wire =
        new Wire(
            measures.run(),
            measures.loss(),
            measures.hessian().orElse(null),
            measures.spectrum().orElse(null),
            measures.worstCase().orElse(null),
            measures.averageCase().orElse(null));
    try {
      return MAPPER.writeValueAsString(wire);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the measures of " + measures.run(), e);
    }
  }

  /** The measures {@code json} holds. */
  static RunMeasures decode(String json) {
    Wire wire;
    try {
      wire = MAPPER.readValue(json, Wire.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read a sweep task's measures: " + e.getOriginalMessage(), e);
    }
    return new RunMeasures(
        wire.run(),
        wire.loss(),
        Optional.ofNullable(wire.hessian()),
        Optional.ofNullable(wire.spectrum()),
        Optional.ofNullable(wire.worstCase()),
        Optional.ofNullable(wire.averageCase()));
  }
}
