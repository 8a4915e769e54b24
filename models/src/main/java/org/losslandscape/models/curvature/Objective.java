package org.losslandscape.models.curvature;

/**
 * A differentiable scalar function of a flat parameter vector: the loss of a network, or an
 * analytic function standing in for it in tests. Sharpness searches and curvature estimates are
 * written against this interface so that they can be checked on functions whose answers are known.
 */
public interface Objective {

  /** Number of coordinates of a point. */
  int dimension();

  /** The function's value at {@code point}. */
  double value(double[] point);

  /** The value and the gradient at {@code point}, from one evaluation. */
  ValueAndGradient valueAndGradient(double[] point);
}
