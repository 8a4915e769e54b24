package org.losslandscape.pipeline.measures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * One measure of a trained model (a family of values, e.g. one per radius, counts as one): the only
 * place its identity lives. Everything downstream iterates {@link Measures#ALL} and asks the
 * measure: the {@code --measures} selection ({@link #name}), what it needs ({@link #needs}), how it
 * computes on one model and the run's data ({@link #compute}), the keys, labels, units and
 * definitions the verdict and the figures use ({@link #measures}), each value of one run ({@link
 * #values}), its section of {@code summary.json} ({@link #summarize}, {@link #summaryType}, {@link
 * #summarySchema}) and the columns of the report's and the log's tables ({@link #columns}).
 *
 * <p>Intervals: a value of one run is a point estimate; the verdict and the tables form the
 * interval over seeds. Where the estimate itself has a spread (Hutchinson's probes, Monte Carlo
 * draws, the batches of m-sharpness, the direction pairs of a slice), the measure's summary section
 * carries that interval.
 *
 * @param <R> what one computation gives (records of the models module; sent back from sweep tasks
 *     as JSON, so Jackson must be able to write and read it, see {@link #jsonMixIns})
 * @param <S> its section of {@code summary.json}, a record written with snake_case names
 */
public interface ModelMeasure<R, S extends Record> {

  /**
   * The name of the measure on the command line ({@code --measures NAME}), which also names its
   * section of {@code summary.json} with dashes as underscores ({@link #sectionName}).
   */
  String name();

  /** A few words for the help of {@code --measures}: what the name stands for. */
  String help();

  /** True when every study computes it whatever {@code --measures} says (the slices). */
  default boolean alwaysOn() {
    return false;
  }

  /** What it needs of a run beyond its settings. */
  java.util.Set<MeasureNeed> needs(MeasureSetup setup);

  /** The type of {@link #compute}'s result. */
  Class<R> resultType();

  /**
   * Its result on one trained model. Called on the measure stage's lane, after the measures before
   * it in {@link Measures#ALL}, when {@link #needs} holds no {@link MeasureNeed#SLICE}; otherwise
   * by the landscape stage once the model's slices are evaluated, with them in {@link
   * MeasureInput#slices} and no losses.
   */
  R compute(MeasureInput input, MeasureSetup setup);

  /**
   * The verdict's measures this one gives under {@code setup}: key, label, unit and definition of
   * every value, in the order of {@link #values}.
   */
  List<Measure> measures(MeasureSetup setup);

  /** Each of this run's values, keyed by the measures of {@link #measures}. */
  Map<Measure, Double> values(R result, MeasureSetup setup);

  /** One log-line fragment, e.g. {@code "; lambda_max 3.27 (converged)"}. */
  String describe(R result);

  /** Writes the files of one run beside its weights (in {@code runFolder}); most write none. */
  default void writeFiles(R result, Path runFolder) {}

  /**
   * The section name in {@code summary.json}'s {@code measures}: the name with dashes as
   * underscores.
   */
  default String sectionName() {
    return name().replace('-', '_');
  }

  /** Its section of {@code summary.json}, if it has one there. */
  Optional<S> summarize(R result, SummaryContext context);

  /** The record type of its section (for reading {@code summary.json} back), null if none. */
  Class<S> summaryType();

  /**
   * The JSON Schema of its section (an object schema, as JSON text), which the published schema's
   * {@code measures} definition takes for this section; empty when it has no section.
   */
  String summarySchema();

  /** The columns of the report's table of measures, filled from its summary section. */
  List<SummaryColumn<S>> columns();

  /** One sentence under the report's table of measures, or empty. */
  default String note() {
    return "";
  }

  /**
   * Jackson mix-ins the result needs to travel as JSON (e.g. the type names of a sealed
   * definition), target class to mix-in class.
   */
  default Map<Class<?>, Class<?>> jsonMixIns() {
    return Map.of();
  }
}
