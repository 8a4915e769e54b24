package org.losslandscape.models.training;

import org.losslandscape.models.mlp.Parameters;

/**
 * The weights of a training run after {@code step} updates, kept for a trajectory plot (Li et al.
 * 2018, section 7).
 *
 * @param step minibatch updates done when the weights were read (0 = the initial weights)
 * @param parameters the weights at that step
 */
public record Checkpoint(long step, Parameters parameters) {

  public Checkpoint {
    if (step < 0) {
      throw new IllegalArgumentException("a checkpoint's step must be >= 0, got " + step);
    }
  }
}
