package org.losslandscape.models.interpolation;

/**
 * Loss and accuracy along a {@link LinearPath} on one set of examples. Immutable: the arrays are
 * copied on the way in and out.
 */
public final class InterpolationCurve {

  private final double[] t;
  private final double[] loss;
  private final double[] accuracy;
  private final int samples;

  /**
   * @param t the path parameter of each point, increasing
   * @param loss mean cross-entropy at each t
   * @param accuracy accuracy at each t
   * @param samples how many examples each point was evaluated on
   */
  public InterpolationCurve(double[] t, double[] loss, double[] accuracy, int samples) {
    if (loss.length != t.length || accuracy.length != t.length) {
      throw new IllegalArgumentException(
          "an interpolation curve needs one loss and one accuracy per t ("
              + t.length
              + "), got "
              + loss.length
              + " and "
              + accuracy.length);
    }
    this.t = t.clone();
    this.loss = loss.clone();
    this.accuracy = accuracy.clone();
    this.samples = samples;
  }

  public double[] t() {
    return t.clone();
  }

  public double[] loss() {
    return loss.clone();
  }

  public double[] accuracy() {
    return accuracy.clone();
  }

  /** Examples each point was evaluated on. */
  public int samples() {
    return samples;
  }

  /** The loss at {@code value} of t, which must be one of the curve's points (e.g. 0 or 1). */
  public double lossAt(double value) {
    return loss[indexOf(value)];
  }

  /** The accuracy at {@code value} of t, which must be one of the curve's points. */
  public double accuracyAt(double value) {
    return accuracy[indexOf(value)];
  }

  /**
   * The largest loss strictly between the two minima (0 < t < 1) minus the larger of the two ends'
   * losses: positive when the straight line crosses a barrier, at most 0 when it does not. NaN when
   * no point lies strictly between the ends.
   */
  public double barrier() {
    double inside = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      if (t[i] > 0 && t[i] < 1) {
        inside = Math.max(inside, loss[i]);
      }
    }
    if (inside == Double.NEGATIVE_INFINITY) {
      return Double.NaN;
    }
    return inside - Math.max(lossAt(0), lossAt(1));
  }

  private int indexOf(double value) {
    for (int i = 0; i < t.length; i++) {
      if (t[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("t = " + value + " is not a point of this curve");
  }
}
