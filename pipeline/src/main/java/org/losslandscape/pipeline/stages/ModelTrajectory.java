package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.trajectory.TrajectorySurface;
import org.losslandscape.pipeline.config.RunId;

/**
 * One run's training trajectory on the plane of its top two principal components.
 *
 * @param run the run
 * @param steps the step of each checkpoint on the path, in training order
 * @param surface the plane, the projected path and the loss around the final weights
 * @param samples the examples the plane's loss was evaluated on
 */
public record ModelTrajectory(
    RunId run, List<Long> steps, TrajectorySurface surface, LandscapeSamples samples) {

  public ModelTrajectory {
    steps = List.copyOf(steps);
  }
}
