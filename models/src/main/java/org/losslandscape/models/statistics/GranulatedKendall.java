package org.losslandscape.models.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Jiang et al.'s (2019, sec. 5) granulated Kendall coefficient: for each varied hyperparameter axis
 * i, psi_i is Kendall's tau between a measure and the gap over the settings that differ only in
 * axis i, averaged over every combination of the other axes' values; Psi is the mean of the psi_i.
 * A measure that only follows one axis shows it: psi_lr = -1 and psi_batch = +1 means the pooled
 * tau is the learning rate's story.
 *
 * @param axes the axes' names
 * @param psi psi_i per axis, NaN for an axis no group varies in (fewer than two settings per group)
 * @param overall Psi, the mean of the finite psi_i (NaN when none is)
 * @param psiLow 2.5% bootstrap percentile of each psi_i over resampled seeds (NaN without seeds)
 * @param psiHigh 97.5% percentile of each psi_i
 * @param overallLow 2.5% percentile of Psi
 * @param overallHigh 97.5% percentile of Psi
 */
public record GranulatedKendall(
    List<String> axes,
    double[] psi,
    double overall,
    double[] psiLow,
    double[] psiHigh,
    double overallLow,
    double overallHigh) {

  /**
   * Psi_i and Psi of the settings' means, with percentile intervals from {@code resamples}
   * bootstrap resamples of each setting's seeds (drawn with replacement within the setting).
   *
   * @param values each setting's value on each axis, {@code values.get(s).get(i)}
   * @param measure each setting's per-seed measure values
   * @param gap each setting's per-seed gaps, the same seeds in the same order
   */
  public static GranulatedKendall of(
      List<String> axes,
      List<List<String>> values,
      List<double[]> measure,
      List<double[]> gap,
      long seed,
      int resamples) {
    double[] meanMeasure = means(measure);
    double[] meanGap = means(gap);
    double[] psi = psi(axes.size(), values, meanMeasure, meanGap);
    double overall = meanOfFinite(psi);
    double[][] psiDraws = new double[axes.size()][resamples];
    double[] overallDraws = new double[resamples];
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      double[] m = new double[values.size()];
      double[] g = new double[values.size()];
      SeedResample.draw(random, measure, gap, m, g);
      double[] p = psi(axes.size(), values, m, g);
      for (int i = 0; i < axes.size(); i++) {
        psiDraws[i][b] = p[i];
      }
      overallDraws[b] = meanOfFinite(p);
    }
    double[] low = new double[axes.size()];
    double[] high = new double[axes.size()];
    for (int i = 0; i < axes.size(); i++) {
      low[i] = percentile(psiDraws[i], 0.025);
      high[i] = percentile(psiDraws[i], 0.975);
    }
    return new GranulatedKendall(
        List.copyOf(axes),
        psi,
        overall,
        low,
        high,
        percentile(overallDraws, 0.025),
        percentile(overallDraws, 0.975));
  }

  /** psi_i for every axis from one value per setting. */
  static double[] psi(int axes, List<List<String>> values, double[] measure, double[] gap) {
    double[] out = new double[axes];
    for (int i = 0; i < axes; i++) {
      // Settings that agree on every axis but i form one group.
      Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
      for (int s = 0; s < values.size(); s++) {
        List<String> others = new ArrayList<>(values.get(s));
        others.remove(i);
        groups.computeIfAbsent(others, k -> new ArrayList<>()).add(s);
      }
      double sum = 0;
      int counted = 0;
      for (List<Integer> group : groups.values()) {
        if (group.size() < 2) {
          continue;
        }
        double[] x = new double[group.size()];
        double[] y = new double[group.size()];
        for (int k = 0; k < group.size(); k++) {
          x[k] = measure[group.get(k)];
          y[k] = gap[group.get(k)];
        }
        sum += SettingsKendall.tauA(x, y);
        counted++;
      }
      out[i] = counted == 0 ? Double.NaN : sum / counted;
    }
    return out;
  }

  private static double[] means(List<double[]> perSetting) {
    double[] out = new double[perSetting.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = Arrays.stream(perSetting.get(s)).average().orElse(Double.NaN);
    }
    return out;
  }

  private static double meanOfFinite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  private static double percentile(double[] draws, double q) {
    double[] finite = Arrays.stream(draws).filter(Double::isFinite).sorted().toArray();
    return finite.length == 0 ? Double.NaN : RankCorrelationEstimate.percentile(finite, q);
  }
}
