package org.losslandscape.pipeline.stages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.OrderingSummary;
import org.losslandscape.pipeline.summary.SharpnessSummary;

/** The slice-sharpness parts of summary.json: per model, per radius, and the recipes' orderings. */
final class SharpnessSummaries {

  private SharpnessSummaries() {}

  /** Which recipes are flatter than which at radius {@code eps}, as summary.json records it. */
  static OrderingSummary orderings(List<RecipeAggregate> aggregates, double eps) {
    SharpnessOrderings o = SharpnessOrderings.at(aggregates, eps);
    return new OrderingSummary(
        aggregates.isEmpty() ? null : aggregates.get(0).intervalSource().label(),
        OrderingSummary.RULE,
        o.comparisons(),
        o.separated().stream()
            .map(s -> new OrderingSummary.Ordered(s.flatter(), s.sharper()))
            .toList(),
        o.notCompared().stream()
            .map(n -> new OrderingSummary.Skipped(n.first(), n.second(), n.reason().label()))
            .toList());
  }

  /** A model's slice sharpness at every radius, with its interval over direction pairs. */
  static SharpnessSummary of(SharpnessReport report) {
    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, SharpnessSummary.SliceOverPairs> detail = new LinkedHashMap<>();
    for (SharpnessReport.Entry e : report.entries()) {
      String eps = epsKey(e.epsilon());
      IntervalSummary i = IntervalSummary.of(e.interval());
      if (Double.isFinite(i.mean())) {
        means.put(eps, i.mean());
      } else {
        means.put(eps, null);
        reasons.put(eps, Json.reason(i.mean()));
      }
      detail.put(
          eps,
          new SharpnessSummary.SliceOverPairs(
              i.mean(),
              i.ci95Low(),
              i.ci95High(),
              i.noIntervalBecause(),
              i.n(),
              e.perPair(),
              e.pointsInBall(),
              e.perPairGrid()));
    }
    return new SharpnessSummary(means, reasons.isEmpty() ? null : reasons, detail);
  }

  /** A radius as summary.json keys it ("0.5"). */
  static String epsKey(double eps) {
    return String.valueOf(eps);
  }

  /** A model's sharpness at every radius on one line, for the sliced model's summary. */
  static String line(SharpnessReport report) {
    StringBuilder line = new StringBuilder();
    for (SharpnessReport.Entry e : report.entries()) {
      line.append(" S(").append(e.epsilon()).append(")=").append(IntervalText.of(e.interval()));
    }
    return line.toString().trim();
  }
}
