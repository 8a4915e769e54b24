package org.losslandscape.models.sharpness;

import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.mlp.ParameterLayout;

/**
 * A worst-case sharpness of a trained network: the largest loss increase found by projected
 * gradient ascent within the region its definition draws around the weights.
 *
 * @param definition what was measured
 * @param ascent the search's outcome: loss at the weights, best loss found, one-step estimate,
 *     evaluations, steps, restarts and initial step size
 */
public record WorstCaseSharpness(WorstCaseDefinition definition, AscentResult ascent) {

  /**
   * Measures {@code definition} at {@code theta} (flat, in {@code loss.layout()}) on the loss's
   * data.
   */
  public static WorstCaseSharpness measure(
      DifferentiableLoss loss,
      double[] theta,
      WorstCaseDefinition definition,
      AscentSettings settings) {
    return measure(loss, loss.layout(), theta, definition, settings);
  }

  /**
   * Measures {@code definition} at {@code theta} on {@code objective}, a loss over parameters laid
   * out as {@code layout} (one batch of a loss, for m-sharpness).
   */
  public static WorstCaseSharpness measure(
      Objective objective,
      ParameterLayout layout,
      double[] theta,
      WorstCaseDefinition definition,
      AscentSettings settings) {
    layout.requireDimension(theta);
    PerturbationRegion region = definition.region(theta, layout.weightMask());
    return new WorstCaseSharpness(
        definition, PerturbationAscent.maximize(objective, theta, region, settings));
  }

  /** The definition's reported number: the loss increase, or Keskar's phi. */
  public double value() {
    return definition.headline(ascent.increase(), ascent.centreValue());
  }

  /**
   * The measure's value after each quarter of the search's iterations (the last is {@link #value}).
   */
  public double[] quarterValues() {
    double[] out = new double[ascent.quarterValues().length];
    for (int q = 0; q < out.length; q++) {
      out[q] =
          definition.headline(
              ascent.quarterValues()[q] - ascent.centreValue(), ascent.centreValue());
    }
    return out;
  }

  /** Whether the search's last quarter raised the increase by at most 1% ({@link AscentResult}). */
  public boolean converged() {
    return ascent.converged();
  }

  /** The same number for SAM's single ascent step from the weights (a cheaper lower bound). */
  public double oneStepValue() {
    return definition.headline(ascent.firstStepIncrease(), ascent.centreValue());
  }
}
