package org.losslandscape.models.training;

import java.util.Locale;

/**
 * Which gradient a training step descends along: the minibatch gradient at the weights (plain SGD)
 * or the gradient at an adversarially perturbed copy of the weights (SAM, ASAM).
 *
 * <p>Momentum is not an optimizer of its own here: {@link TrainingConfig#momentum()} applies
 * heavy-ball momentum to whichever gradient the optimizer produces, as SAM's and ASAM's authors do
 * (both wrap a base SGD-with-momentum optimizer).
 *
 * <p>The sharpness-aware step (Foret et al. 2021; Kwon et al. 2021), on one minibatch:
 *
 * <ol>
 *   <li>g = gradient of the minibatch loss at w;
 *   <li>e = rho g / ||g|| (SAM), or e = rho T² g / ||T g|| with T = diag(|w| + eta) on kernels and
 *       the identity on biases (ASAM), the norms over all parameters at once;
 *   <li>g' = gradient of the <em>same</em> minibatch's loss at w + e;
 *   <li>the update starts from w (not w + e) and uses g'.
 * </ol>
 *
 * A tiny constant ({@value #NORM_GUARD}, as in the ASAM authors' code) is added to the norm so that
 * a zero gradient gives a zero perturbation; it changes nothing for any other gradient in float32.
 *
 * @param kind SGD, SAM or ASAM
 * @param rho the radius of the perturbation ball (0 for SGD)
 * @param eta ASAM's offset in T = |w| + eta, which keeps zero weights perturbable (0 unless ASAM)
 */
public record Optimizer(Kind kind, double rho, double eta) {

  /** The optimizers offered. */
  public enum Kind {
    /** Stochastic gradient descent on the minibatch gradient. */
    SGD,
    /** Sharpness-aware minimization: the gradient at w + rho g / ||g||. */
    SAM,
    /** Adaptive SAM: the perturbation ball is scaled elementwise by |w| + eta on kernels. */
    ASAM
  }

  /** SAM's radius in Foret et al. 2021 (their default for most image tasks). */
  public static final double DEFAULT_SAM_RHO = 0.05;

  /**
   * ASAM's radius in Kwon et al. 2021's code and README (CIFAR-10; they use 1.0 for CIFAR-100): ten
   * times SAM's, because the ball is measured in units of |w| + eta rather than absolutely.
   */
  public static final double DEFAULT_ASAM_RHO = 0.5;

  /** ASAM's eta in Kwon et al. 2021's code. */
  public static final double DEFAULT_ASAM_ETA = 0.01;

  /** Added to the gradient norm before dividing by it; only a zero gradient notices. */
  public static final double NORM_GUARD = 1e-16;

  /** Plain SGD (the default). */
  public static Optimizer sgd() {
    return new Optimizer(Kind.SGD, 0, 0);
  }

  /** SAM with radius {@code rho}. */
  public static Optimizer sam(double rho) {
    return new Optimizer(Kind.SAM, rho, 0);
  }

  /** ASAM with radius {@code rho} and offset {@code eta}. */
  public static Optimizer asam(double rho, double eta) {
    return new Optimizer(Kind.ASAM, rho, eta);
  }

  /** Parses {@code sgd}, {@code sam} or {@code asam}, each with its authors' default settings. */
  public static Optimizer parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "sgd" -> sgd();
      case "sam" -> sam(DEFAULT_SAM_RHO);
      case "asam" -> asam(DEFAULT_ASAM_RHO, DEFAULT_ASAM_ETA);
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + text + "' (use sgd, sam or asam)");
    };
  }

  public Optimizer {
    if (kind == null) {
      throw new IllegalArgumentException("optimizer kind is missing (use SGD, SAM or ASAM)");
    }
    if (kind == Kind.SGD && (rho != 0 || eta != 0)) {
      throw new IllegalArgumentException(
          "plain SGD has no perturbation radius or eta, got rho " + rho + " and eta " + eta);
    }
    if (kind != Kind.SGD && !(rho > 0 && Double.isFinite(rho))) {
      throw new IllegalArgumentException(
          kind + " perturbation radius rho must be a positive number, got " + rho);
    }
    if (kind == Kind.SAM && eta != 0) {
      throw new IllegalArgumentException("SAM has no eta (only ASAM does), got " + eta);
    }
    if (!(eta >= 0 && Double.isFinite(eta))) {
      throw new IllegalArgumentException("ASAM's eta must be >= 0, got " + eta);
    }
  }

  /** True for SAM and ASAM, whose steps take a second gradient at perturbed weights. */
  public boolean isSharpnessAware() {
    return kind != Kind.SGD;
  }

  /** The name used in result files, e.g. {@code sgd}, {@code sam(rho=0.05)}. */
  public String label() {
    return switch (kind) {
      case SGD -> "sgd";
      case SAM -> "sam(rho=" + rho + ")";
      case ASAM -> "asam(rho=" + rho + ",eta=" + eta + ")";
    };
  }
}
