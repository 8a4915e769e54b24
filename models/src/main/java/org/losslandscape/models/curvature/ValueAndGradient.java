package org.losslandscape.models.curvature;

/**
 * A function's value and gradient at one point.
 *
 * @param value the function's value
 * @param gradient the partial derivatives, one per coordinate
 */
public record ValueAndGradient(double value, double[] gradient) {}
