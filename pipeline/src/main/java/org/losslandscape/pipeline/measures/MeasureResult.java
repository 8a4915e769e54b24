package org.losslandscape.pipeline.measures;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.losslandscape.pipeline.summary.MeasuresSummary;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * One measure's result on one run, kept with the measure that made it, so that everything done with
 * it afterwards is the measure's own.
 *
 * @param measure the measure
 * @param value its result
 * @param <R> the result type
 */
public record MeasureResult<R>(ModelMeasure<R, ?> measure, R value) {

  public MeasureResult {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(value, "value");
  }

  /** Computes {@code measure} on {@code input}. */
  public static <R> MeasureResult<R> compute(
      ModelMeasure<R, ?> measure, MeasureInput input, MeasureSetup setup) {
    return new MeasureResult<>(measure, measure.compute(input, setup));
  }

  /** The verdict's values of this result. */
  public Map<Measure, Double> values(MeasureSetup setup) {
    return measure.values(value, setup);
  }

  /** The log-line fragment. */
  public String describe() {
    return measure.describe(value);
  }

  /** Writes the measure's files of this run into {@code runFolder}. */
  public void writeFiles(Path runFolder) {
    measure.writeFiles(value, runFolder);
  }

  /** The measure's section of {@code summary.json}, if it has one. */
  public Optional<MeasuresSummary.Section> summarize(SummaryContext context) {
    return measure
        .summarize(value, context)
        .map(s -> new MeasuresSummary.Section(measure.sectionName(), s));
  }

  /** This result as a {@code type}, if it is one (e.g. the spectrum for its figure). */
  public <T> Optional<T> as(ModelMeasure<T, ?> of) {
    return of == measure ? Optional.of(of.resultType().cast(value)) : Optional.empty();
  }
}
