package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.measures.MeasureNeed;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;
import org.losslandscape.pipeline.verdict.Measure;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictAnalysis;
import org.losslandscape.pipeline.verdict.VerdictMarkdown;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * Turns a study's runs into the verdict on the three claims (see {@link VerdictAnalysis}) and
 * writes {@code VERDICT.md}. Every usable run is a point: its recipe, its generalization gap, and
 * its value of every measure that was computed.
 */
public final class VerdictStage {

  private static final Logger LOG = LogManager.getLogger(VerdictStage.class);

  /** Seed of the verdict's permutation tests and bootstraps, so a verdict is repeatable. */
  static final long STATISTICS_SEED = 20_260_101L;

  private final TrainingSettings training;
  private final MeasureSetup setup;
  private final OutputSettings output;
  private final Invocation invocation;

  @Inject
  public VerdictStage(
      TrainingSettings training,
      SliceSettings slice,
      MeasureSettings measureSettings,
      OutputSettings output,
      Invocation invocation) {
    this.training = training;
    this.setup = new MeasureSetup(slice, measureSettings);
    this.output = output;
    this.invocation = invocation;
  }

  /** The measures of this study: those of every measure asked for, in the registry's order. */
  public List<Measure> measures() {
    List<Measure> out = new ArrayList<>();
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (setup.includes(m)) {
        out.addAll(m.measures(setup));
      }
    }
    return out;
  }

  /** Each measure's value for one run, from its slices and its other measures. */
  private Map<Measure, Double> values(
      java.util.Optional<ModelLandscape> sliced, java.util.Optional<RunMeasures> other) {
    Map<Measure, Double> values = new LinkedHashMap<>();
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (!setup.includes(m)) {
        continue;
      }
      if (m.needs(setup).contains(MeasureNeed.SLICE)) {
        sliced.ifPresent(l -> values.putAll(sliceValues(m, l)));
      } else {
        other
            .flatMap(r -> r.results().stream().filter(x -> x.measure() == m).findFirst())
            .ifPresent(r -> values.putAll(r.values(setup)));
      }
    }
    return values;
  }

  /** The values of a measure read off the slices. */
  private <R> Map<Measure, Double> sliceValues(ModelMeasure<R, ?> m, ModelLandscape landscape) {
    return m.values(m.resultType().cast(landscape.report()), setup);
  }

  /**
   * Every usable run that was sliced or measured, with its measures: a run beyond {@code
   * --sliced-seeds} carries the measures beyond the slices only.
   */
  public List<RunMeasurements> measurements(StudyResults results) {
    List<RunMeasurements> out = new ArrayList<>();
    for (TrainedModel m : results.models()) {
      if (!m.usable()) {
        continue;
      }
      Map<Measure, Double> values =
          values(results.landscapeOf(m.run()), results.measuresOf(m.run()));
      if (!values.isEmpty()) {
        out.add(
            new RunMeasurements(
                m.run(),
                m.recipe(),
                m.train().loss(),
                m.train().accuracy(),
                m.test().loss(),
                m.test().accuracy(),
                values));
      }
    }
    return out;
  }

  /** This study's block of the verdict over its runs, named after its training budget. */
  public ProtocolVerdict protocol(List<RunMeasurements> runs) {
    return new VerdictAnalysis(STATISTICS_SEED, 5_000)
        .protocol(
            training.budget().kind(),
            training.budget().describe(),
            training.budget() instanceof TrainingBudget.TargetLoss t ? t.loss() : null,
            training.recipes(),
            runs,
            measures());
  }

  /** The verdict over {@code protocols}, written to {@code VERDICT.md} and logged. */
  public Verdict write(List<ProtocolVerdict> protocols) {
    Verdict verdict = VerdictAnalysis.verdict(protocols);
    AtomicFiles.write(
        output.directory().resolve("VERDICT.md"),
        VerdictMarkdown.render(verdict, invocation.commandLine(), training.seeds())
            .getBytes(StandardCharsets.UTF_8));
    for (ClaimTally t : verdict.claims()) {
      LOG.info(
          "verdict: {}: supported in {}, contradicted in {}, not resolved in {}, not testable in {}"
              + " of {} cells (Holm over {} tests)",
          t.statement(),
          t.supported(),
          t.contradicted(),
          t.notResolved(),
          t.notTestable(),
          t.supported() + t.contradicted() + t.notResolved() + t.notTestable() + t.notApplicable(),
          verdict.family().tests());
    }
    return verdict;
  }
}
