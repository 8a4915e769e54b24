package org.losslandscape.models.directions;

import org.losslandscape.models.mlp.Parameters;

/**
 * The two directions spanning a 2-D slice of weight space, {@code theta + alpha d1 + beta d2}.
 *
 * @param d1 the direction of the first grid axis (alpha)
 * @param d2 the direction of the second grid axis (beta)
 * @param spec how they were drawn and normalized; null when they were not drawn at random (the
 *     principal components of a training trajectory)
 */
public record DirectionPair(Parameters d1, Parameters d2, DirectionSpec spec) {

  /** Two directions that were computed, not drawn (so there is no {@link DirectionSpec}). */
  public DirectionPair(Parameters d1, Parameters d2) {
    this(d1, d2, null);
  }
}
