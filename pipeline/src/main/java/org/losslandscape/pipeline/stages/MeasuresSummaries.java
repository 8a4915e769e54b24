package org.losslandscape.pipeline.stages;

import java.util.List;
import java.util.Locale;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.curvature.TopEigenvalues;
import org.losslandscape.models.sharpness.AverageCaseSharpness;
import org.losslandscape.models.sharpness.WorstCaseSharpness;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.MeasuresSummary;

/**
 * Turns a run's measures (a stage's result) into their summary records. It lives with the stages
 * because the summary records are below them: {@code summary} describes what is written, {@code
 * stages} knows what was measured.
 */
final class MeasuresSummaries {

  private MeasuresSummaries() {}

  /**
   * The summary of {@code m} for a run trained at {@code learningRate}; {@code spectrumFile} names
   * the density file relative to the run's folder.
   */
  static MeasuresSummary of(RunMeasures m, double learningRate, String spectrumFile) {
    return new MeasuresSummary(
        m.loss(),
        m.hessian()
            .map(
                h ->
                    new MeasuresSummary.Hessian(
                        eigenvalues(h.top()),
                        h.top().iterations(),
                        IntervalSummary.of(h.trace().interval()),
                        h.trace().probes(),
                        learningRate * h.top().max() / 2))
            .orElse(null),
        m.spectrum().map(s -> spectrum(s, spectrumFile)).orElse(null),
        m.worstCase()
            .map(
                w ->
                    new MeasuresSummary.WorstCase(
                        ascent(w.sam()),
                        ascent(w.asam()),
                        ascent(w.keskar()),
                        w.mSharpness()
                            .map(
                                b ->
                                    new MeasuresSummary.MSharpness(
                                        b.sam().batchSize(),
                                        b.sam().perBatch().length,
                                        IntervalSummary.of(b.sam().interval()),
                                        IntervalSummary.of(b.asam().interval()),
                                        Math.min(
                                            b.sam().convergedBatches(),
                                            b.asam().convergedBatches())))
                            .orElse(null)))
            .orElse(null),
        m.averageCase()
            .map(
                a ->
                    new MeasuresSummary.AverageCase(
                        monteCarlo(a.isotropic()), monteCarlo(a.elementScaled())))
            .orElse(null));
  }

  private static List<MeasuresSummary.Eigenvalue> eigenvalues(TopEigenvalues top) {
    return top.estimates().stream()
        .map(
            e ->
                new MeasuresSummary.Eigenvalue(
                    e.value(),
                    e.status().name().toLowerCase(Locale.ROOT),
                    e.convergedAtIteration(),
                    e.residualNorm()))
        .toList();
  }

  private static MeasuresSummary.Spectrum spectrum(SpectralDensity s, String file) {
    return new MeasuresSummary.Spectrum(
        s.settings().probes(),
        s.settings().lanczosSteps(),
        s.sigma(),
        IntervalSummary.of(s.trace()),
        file);
  }

  private static MeasuresSummary.Ascent ascent(WorstCaseSharpness w) {
    return new MeasuresSummary.Ascent(
        w.definition().describe(),
        w.value(),
        w.oneStepValue(),
        w.ascent().settings().steps(),
        w.ascent().settings().restarts(),
        w.ascent().evaluations(),
        w.quarterValues(),
        w.converged());
  }

  private static MeasuresSummary.MonteCarlo monteCarlo(AverageCaseSharpness a) {
    return new MeasuresSummary.MonteCarlo(
        a.definition().describe(),
        IntervalSummary.of(a.increase()),
        a.settings().samples(),
        a.settings().antithetic());
  }
}
