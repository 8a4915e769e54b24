package org.losslandscape.pipeline.stages;

import java.util.Optional;
import org.losslandscape.models.curvature.HutchinsonTrace;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.curvature.TopEigenvalues;
import org.losslandscape.models.sharpness.AverageCaseSharpness;
import org.losslandscape.models.sharpness.BatchWorstCase;
import org.losslandscape.models.sharpness.WorstCaseSharpness;
import org.losslandscape.pipeline.config.RunId;

/**
 * The measures beyond the slices for one run; each is present when it was asked for.
 *
 * @param run the run
 * @param loss the mean training loss on the measure samples at the trained weights
 * @param hessian top eigenvalues and trace
 * @param spectrum the eigenvalue density
 * @param worstCase SAM, ASAM and Keskar sharpness
 * @param averageCase plain and |w|-scaled Gaussian sharpness
 */
public record RunMeasures(
    RunId run,
    double loss,
    Optional<Hessian> hessian,
    Optional<SpectralDensity> spectrum,
    Optional<WorstCase> worstCase,
    Optional<AverageCase> averageCase) {

  /**
   * Curvature at the trained weights.
   *
   * @param top the largest Hessian eigenvalues
   * @param trace Hutchinson's estimate of the trace
   */
  public record Hessian(TopEigenvalues top, HutchinsonTrace trace) {}

  /**
   * The three worst-case measures.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   * @param keskar Keskar's box (value is his phi)
   * @param perBatch SAM's and ASAM's m-sharpness, when asked for ({@code --m-sharpness}); null
   *     otherwise (see {@link #mSharpness})
   */
  public record WorstCase(
      WorstCaseSharpness sam,
      WorstCaseSharpness asam,
      WorstCaseSharpness keskar,
      MSharpness perBatch) {

    /** The three full-set measures without m-sharpness. */
    public WorstCase(WorstCaseSharpness sam, WorstCaseSharpness asam, WorstCaseSharpness keskar) {
      this(sam, asam, keskar, null);
    }

    /** SAM's and ASAM's m-sharpness, if computed. */
    public Optional<MSharpness> mSharpness() {
      return Optional.ofNullable(perBatch);
    }
  }

  /**
   * m-sharpness: each definition's worst case per batch of m samples, averaged over the batches.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   */
  public record MSharpness(BatchWorstCase sam, BatchWorstCase asam) {}

  /**
   * The two average-case measures.
   *
   * @param isotropic e ~ N(0, sigma^2 I)
   * @param elementScaled e_i ~ N(0, (sigma |w_i|)^2)
   */
  public record AverageCase(AverageCaseSharpness isotropic, AverageCaseSharpness elementScaled) {}
}
