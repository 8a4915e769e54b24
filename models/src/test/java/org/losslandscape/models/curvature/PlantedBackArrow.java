package org.losslandscape.models.curvature;

import org.losslandscape.models.sharpness.SliceSharpness;

/**
 * A deliberate back arrow (curvature, a lower tier, using sharpness) that only {@code
 * ArchitectureTest} imports, to show that its rule catches one.
 */
public final class PlantedBackArrow {

  private PlantedBackArrow() {}

  /** Uses a type of the tier above. */
  public static Class<?> upward() {
    return SliceSharpness.class;
  }
}
