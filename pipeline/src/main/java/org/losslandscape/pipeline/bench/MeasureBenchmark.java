package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.curvature.HutchinsonTrace;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.curvature.TopEigenvalues;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.AverageCaseDefinition;
import org.losslandscape.models.sharpness.AverageCaseSharpness;
import org.losslandscape.models.sharpness.WorstCaseDefinition;
import org.losslandscape.models.sharpness.WorstCaseSharpness;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.MeasureSettings;

/**
 * Times the measures beyond the slices on one model, with the study's settings ({@link
 * MeasureSettings#defaults()}): the loss, its gradient and Hessian-vector products, then each
 * measure as a study computes it.
 */
public final class MeasureBenchmark {

  private static final Logger LOG = LogManager.getLogger(MeasureBenchmark.class);

  private MeasureBenchmark() {}

  /**
   * One timed measurement.
   *
   * @param name what was timed, with its settings
   * @param timing seconds per call, per repeat
   * @param calls Hessian-vector products (or gradient / loss evaluations) inside one call, 1 for a
   *     primitive
   * @param flopsPerCall the call's matrix-product FLOP for the primitives (0 when not modelled), so
   *     that the report can say how close to the machine's MatMul peak they run: how much stacking
   *     the measures of several models could gain here
   */
  public record Row(String name, Timing timing, int calls, double flopsPerCall) {

    /** A row without a FLOP model. */
    public Row(String name, Timing timing, int calls) {
      this(name, timing, calls, 0);
    }
  }

  /** Times every measure of a study on {@code weights} over {@code samples}. */
  public static List<Row> time(
      ExecutionSettings execution, Parameters weights, LabeledData samples, int repeats) {
    MeasureSettings m = MeasureSettings.defaults();
    List<Row> rows = new ArrayList<>();
    try (DifferentiableLoss loss =
        new DifferentiableLoss(weights.architecture(), samples, execution)) {
      double[] theta = loss.layout().flatten(weights);
      double[] v = loss.valueAndGradient(theta).gradient();
      // The primitives: warmed up, then repeated.
      MlpArchitecture net = MlpArchitecture.of(weights.architecture());
      double forward = (double) FlopModel.denseForwardPerExample(net) * samples.count();
      double gradient = (double) FlopModel.trainingStepPerExample(net) * samples.count();
      rows.add(withFlops(row("loss", repeats, 1, () -> loss.value(theta)), forward));
      rows.add(
          withFlops(
              row("loss and gradient", repeats, 1, () -> loss.valueAndGradient(theta)), gradient));
      // The product differentiates the gradient's graph once more: credited as two gradients.
      rows.add(
          withFlops(
              row("Hessian-vector product", repeats, 1, () -> loss.hessianVectorProduct(theta, v)),
              2 * gradient));
      // The measures, once each, as a study runs them (the graph is warm by now).
      long started = System.nanoTime();
      TopEigenvalues top = TopEigenvalues.estimate(loss.hessianAt(theta), m.eigen());
      rows.add(
          new Row(
              "top " + m.eigen().count() + " eigenvalues (Lanczos, tolerance 1e-3)",
              new Timing(List.of((System.nanoTime() - started) / 1e9)),
              top.iterations()));
      rows.add(
          once(
              "trace (Hutchinson, " + m.traceProbes() + " probes)",
              m.traceProbes(),
              () -> HutchinsonTrace.estimate(loss.hessianAt(theta), m.traceProbes(), 0)));
      rows.add(
          once(
              "spectral density ("
                  + m.density().probes()
                  + " probes x "
                  + m.density().lanczosSteps()
                  + " steps)",
              m.density().probes() * m.density().lanczosSteps(),
              () -> SpectralDensity.estimate(loss.hessianAt(theta), m.density())));
      for (WorstCaseDefinition d :
          List.of(
              new WorstCaseDefinition.L2Ball(m.samRho()),
              new WorstCaseDefinition.AdaptiveBall(
                  m.asamRho(), m.asamEta(), WorstCaseDefinition.AdaptiveBall.BiasScale.IDENTITY),
              new WorstCaseDefinition.KeskarBox(m.keskarEpsilon()))) {
        rows.add(
            once(
                d.describe(),
                m.ascent().steps() * m.ascent().restarts() + 1,
                () -> WorstCaseSharpness.measure(loss, theta, d, m.ascent())));
      }
      for (AverageCaseDefinition d :
          List.of(
              new AverageCaseDefinition.Isotropic(m.isotropicSigma()),
              new AverageCaseDefinition.ElementScaled(m.elementSigma()))) {
        rows.add(
            once(
                d.describe(),
                m.monteCarlo().samples() * (m.monteCarlo().antithetic() ? 2 : 1) + 1,
                () -> AverageCaseSharpness.measure(loss, theta, d, m.monteCarlo())));
      }
    }
    return rows;
  }

  private static Row withFlops(Row r, double flops) {
    return new Row(r.name(), r.timing(), r.calls(), flops);
  }

  private static Row once(String name, int calls, Supplier<?> work) {
    long started = System.nanoTime();
    work.get();
    Timing t = new Timing(List.of((System.nanoTime() - started) / 1e9));
    LOG.info("{}: {} s", name, String.format("%.3f", t.median()));
    return new Row(name, t, calls);
  }

  private static Row row(String name, int repeats, int calls, Supplier<?> work) {
    work.get(); // warm-up: the first run of a graph pays for its optimization
    List<Double> seconds = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      long started = System.nanoTime();
      work.get();
      seconds.add((System.nanoTime() - started) / 1e9);
    }
    Timing t = new Timing(seconds);
    LOG.info("{}: {} s (median of {})", name, String.format("%.3f", t.median()), repeats);
    return new Row(name, t, calls);
  }
}
