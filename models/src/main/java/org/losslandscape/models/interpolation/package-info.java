/**
 * The loss along the straight line between two minima (Goodfellow et al. 2015; Keskar et al. 2017,
 * figure 3): {@link org.losslandscape.models.interpolation.LinearPath} gives {@code (1 - t) theta_a
 * + t theta_b}, {@link org.losslandscape.models.interpolation.InterpolationRange} the values of
 * {@code t}, and {@link org.losslandscape.models.interpolation.InterpolationCurve} the loss and
 * accuracy at each of them.
 */
package org.losslandscape.models.interpolation;
