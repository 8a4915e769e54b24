package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.curvature.HutchinsonTrace;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.curvature.SymmetricOperator;
import org.losslandscape.models.curvature.TopEigenvalues;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.sharpness.AverageCaseDefinition;
import org.losslandscape.models.sharpness.AverageCaseSharpness;
import org.losslandscape.models.sharpness.BatchWorstCase;
import org.losslandscape.models.sharpness.WorstCaseDefinition;
import org.losslandscape.models.sharpness.WorstCaseSharpness;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.pipeline.config.MeasureKind;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.io.Npy;

/**
 * Measures every usable model beyond its slices, as the settings ask: Hessian eigenvalues and
 * trace, the spectral density (written as {@code hessian_density.npy}), worst-case and average-case
 * sharpness. All of them are taken on the mean loss over the landscape samples; models are measured
 * on the run's lanes, each lane with one graph holding the samples.
 */
public final class MeasureStage {

  private static final Logger LOG = LogManager.getLogger(MeasureStage.class);

  private final MeasureSettings settings;
  private final ExecutionSettings execution;
  private final OutputSettings output;
  private final Lanes lanes;

  @Inject
  public MeasureStage(
      MeasureSettings settings, ExecutionSettings execution, OutputSettings output, Lanes lanes) {
    this.settings = settings;
    this.execution = execution;
    this.output = output;
    this.lanes = lanes;
  }

  /** True when there is anything beyond the slices to measure. */
  public boolean active() {
    return settings.kinds().size() > 1;
  }

  /** The measures of each model, in the order given; empty when only slices are asked for. */
  public List<RunMeasures> run(List<WeightsToSlice> models, LandscapeSamples samples) {
    List<RunMeasures> out = new ArrayList<>();
    if (!active() || models.isEmpty()) {
      return out;
    }
    // Each lane loads the samples into its own graph once per network and measures its share of
    // the models of that network (a sweep over width or depth has several).
    Map<Network, List<Integer>> byNetwork = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      byNetwork
          .computeIfAbsent(models.get(i).parameters().architecture(), a -> new ArrayList<>())
          .add(i);
    }
    RunMeasures[] measured = new RunMeasures[models.size()];
    byNetwork.forEach(
        (architecture, indices) -> {
          List<RunMeasures> results =
              lanes.map(
                  indices.stream().map(models::get).toList(),
                  () -> LaneLosses.open(architecture, samples, settings.mSharpness(), execution),
                  this::measure);
          for (int k = 0; k < indices.size(); k++) {
            measured[indices.get(k)] = results.get(k);
          }
        });
    return List.of(measured);
  }

  /**
   * A lane's losses: over all the samples, and (for m-sharpness) over the same samples in chunks of
   * m, so that each batch is a view of one graph rather than a graph of its own.
   */
  private record LaneLosses(DifferentiableLoss full, DifferentiableLoss batches)
      implements AutoCloseable {

    static LaneLosses open(
        Network architecture, LandscapeSamples samples, int m, ExecutionSettings execution) {
      DifferentiableLoss full = new DifferentiableLoss(architecture, samples.data(), execution);
      try {
        return new LaneLosses(
            full,
            m > 0 ? new DifferentiableLoss(architecture, samples.data(), execution, m) : null);
      } catch (RuntimeException | Error e) {
        full.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        full.close();
      } finally {
        if (batches != null) {
          batches.close();
        }
      }
    }
  }

  private RunMeasures measure(LaneLosses losses, WeightsToSlice model) {
    DifferentiableLoss loss = losses.full();
    long started = System.nanoTime();
    double[] theta = loss.layout().flatten(model.parameters());
    double centre = loss.value(theta);
    Optional<RunMeasures.Hessian> hessian = Optional.empty();
    Optional<SpectralDensity> spectrum = Optional.empty();
    if (settings.includes(MeasureKind.HESSIAN) || settings.includes(MeasureKind.SPECTRUM)) {
      SymmetricOperator h = loss.hessianAt(theta);
      if (settings.includes(MeasureKind.HESSIAN)) {
        hessian =
            Optional.of(
                new RunMeasures.Hessian(
                    TopEigenvalues.estimate(h, settings.eigen()),
                    HutchinsonTrace.estimate(h, settings.traceProbes(), settings.eigen().seed())));
      }
      if (settings.includes(MeasureKind.SPECTRUM)) {
        spectrum = Optional.of(SpectralDensity.estimate(h, settings.density()));
      }
    }
    Optional<RunMeasures.WorstCase> worst = Optional.empty();
    if (settings.includes(MeasureKind.WORST_CASE)) {
      WorstCaseDefinition sam = new WorstCaseDefinition.L2Ball(settings.samRho());
      WorstCaseDefinition asam =
          new WorstCaseDefinition.AdaptiveBall(
              settings.asamRho(),
              settings.asamEta(),
              WorstCaseDefinition.AdaptiveBall.BiasScale.IDENTITY);
      RunMeasures.MSharpness perBatch =
          losses.batches() == null
              ? null
              : new RunMeasures.MSharpness(
                  BatchWorstCase.measure(
                      losses.batches(), settings.mSharpness(), theta, sam, settings.ascent()),
                  BatchWorstCase.measure(
                      losses.batches(), settings.mSharpness(), theta, asam, settings.ascent()));
      worst =
          Optional.of(
              new RunMeasures.WorstCase(
                  WorstCaseSharpness.measure(loss, theta, sam, settings.ascent()),
                  WorstCaseSharpness.measure(loss, theta, asam, settings.ascent()),
                  WorstCaseSharpness.measure(
                      loss,
                      theta,
                      new WorstCaseDefinition.KeskarBox(settings.keskarEpsilon()),
                      settings.ascent()),
                  perBatch));
    }
    Optional<RunMeasures.AverageCase> average = Optional.empty();
    if (settings.includes(MeasureKind.AVERAGE_CASE)) {
      average =
          Optional.of(
              new RunMeasures.AverageCase(
                  AverageCaseSharpness.measure(
                      loss,
                      theta,
                      new AverageCaseDefinition.Isotropic(settings.isotropicSigma()),
                      settings.monteCarlo()),
                  AverageCaseSharpness.measure(
                      loss,
                      theta,
                      new AverageCaseDefinition.ElementScaled(settings.elementSigma()),
                      settings.monteCarlo())));
    }
    RunMeasures measures = new RunMeasures(model.run(), centre, hessian, spectrum, worst, average);
    spectrum.ifPresent(d -> writeDensity(model, d));
    LOG.info(
        "{}: measured in {}{}",
        model.run().folder(),
        StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
        describe(measures));
    return measures;
  }

  /** The density curve as float32 [2, points]: row 0 the eigenvalues, row 1 the density. */
  private void writeDensity(WeightsToSlice model, SpectralDensity d) {
    int n = d.grid().length;
    float[] values = new float[2 * n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) d.grid()[i];
      values[n + i] = (float) d.density()[i];
    }
    Npy.writeFloat32(
        output.directory().resolve(model.run().folder()).resolve(ReportStage.SPECTRUM_FILE),
        new int[] {2, n},
        values);
  }

  private static String describe(RunMeasures m) {
    StringBuilder s = new StringBuilder();
    m.hessian()
        .ifPresent(
            h ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "; lambda_max %.4g (%s), trace %.4g",
                        h.top().max(),
                        h.top().allConverged() ? "converged" : "not converged",
                        h.trace().interval().mean())));
    m.worstCase()
        .ifPresent(
            w ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "; SAM %.4g%s, ASAM %.4g%s, Keskar phi %.4g%s",
                        w.sam().value(),
                        w.sam().converged() ? "" : " (not converged)",
                        w.asam().value(),
                        w.asam().converged() ? "" : " (not converged)",
                        w.keskar().value(),
                        w.keskar().converged() ? "" : " (not converged)")));
    m.worstCase()
        .flatMap(RunMeasures.WorstCase::mSharpness)
        .ifPresent(
            b ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "; m-sharpness (m %d, %d batches) SAM %.4g, ASAM %.4g",
                        b.sam().batchSize(),
                        b.sam().perBatch().length,
                        b.sam().value(),
                        b.asam().value())));
    m.averageCase()
        .ifPresent(
            a ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "; average %.4g, |w|-scaled %.4g",
                        a.isotropic().increase().mean(),
                        a.elementScaled().increase().mean())));
    return s.toString();
  }
}
