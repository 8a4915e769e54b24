package org.losslandscape.pipeline.measures;

import java.util.Objects;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.SliceSettings;

/**
 * The settings every measure reads its own from: the slices' (radii, normalization) and the other
 * measures' (radii, probes, draws).
 *
 * @param slice the slice settings
 * @param measures the settings of the measures beyond the slices
 */
public record MeasureSetup(SliceSettings slice, MeasureSettings measures) {

  public MeasureSetup {
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(measures, "measures");
  }

  /** True when {@code measure} is to be computed under these settings. */
  public boolean includes(ModelMeasure<?, ?> measure) {
    return measure.alwaysOn() || measures.includes(measure.name());
  }
}
