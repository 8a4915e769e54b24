package org.losslandscape.pipeline.summary;

import org.losslandscape.pipeline.stages.RunMeasures;

/**
 * A deliberate back arrow (summary, a lower tier, using a stage's result) that only {@code
 * ArchitectureTest} imports, to show that its rule catches one.
 */
public final class PlantedBackArrow {

  private PlantedBackArrow() {}

  /** Uses a type of a tier above. */
  public static Class<?> upward() {
    return RunMeasures.class;
  }
}
