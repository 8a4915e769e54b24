package org.losslandscape.models.curvature;

import java.util.ArrayList;
import java.util.List;

/**
 * The Lanczos iteration with full reorthogonalization on a {@link SymmetricOperator}: step by step
 * it builds an orthonormal basis {@code q_1, q_2, ...} of the Krylov space of a start vector and
 * the tridiagonal matrix {@code T} (diagonal alpha, off-diagonal beta) of the operator in that
 * basis. The eigenvalues of {@code T} (Ritz values) approximate the operator's extreme eigenvalues
 * first; with a random unit start vector, {@code T}'s eigen-decomposition is also a quadrature rule
 * for the spectral density (stochastic Lanczos quadrature).
 *
 * <p>Every new vector is orthogonalized against all earlier ones, twice: in floating point plain
 * Lanczos loses orthogonality and produces spurious copies of converged eigenvalues. That costs the
 * storage of all basis vectors ({@code steps x dimension} doubles). One step is one operator
 * application. Not thread-safe; one instance is one run.
 */
public final class Lanczos {

  /** A new vector this much smaller than the operator's scale means the space is exhausted. */
  private static final double BREAKDOWN = 1e-10;

  private final SymmetricOperator operator;
  private final List<double[]> basis = new ArrayList<>();
  private final List<Double> alpha = new ArrayList<>();
  private final List<Double> beta = new ArrayList<>();
  private double[] residual;
  private boolean exhausted;

  /** Starts a run from {@code start} (any non-zero vector; it is normalized). */
  public Lanczos(SymmetricOperator operator, double[] start) {
    if (start.length != operator.dimension()) {
      throw new IllegalArgumentException(
          "start vector has " + start.length + " entries, operator has " + operator.dimension());
    }
    double norm = Vectors.norm(start);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new IllegalArgumentException("the Lanczos start vector must be non-zero and finite");
    }
    this.operator = operator;
    this.residual = Vectors.scaled(start, 1 / norm);
  }

  /**
   * Takes one step: one operator application. Returns false without applying the operator when the
   * Krylov space is exhausted (an invariant subspace was found, or the dimension reached); the Ritz
   * values are then exact eigenvalues.
   */
  public boolean step() {
    if (exhausted) {
      return false;
    }
    double[] q = residual;
    basis.add(q);
    double[] w = operator.apply(q);
    double a = Vectors.dot(q, w);
    alpha.add(a);
    for (int pass = 0; pass < 2; pass++) {
      for (double[] previous : basis) {
        Vectors.addScaled(w, -Vectors.dot(previous, w), previous);
      }
    }
    double b = Vectors.norm(w);
    double scale = Math.abs(a) + (beta.isEmpty() ? 0 : beta.get(beta.size() - 1));
    if (b <= BREAKDOWN * Math.max(scale, Double.MIN_NORMAL)
        || basis.size() == operator.dimension()) {
      exhausted = true;
    } else {
      beta.add(b);
      residual = Vectors.scaled(w, 1 / b);
    }
    return true;
  }

  /** Steps taken so far (operator applications). */
  public int steps() {
    return alpha.size();
  }

  /**
   * True when no further step is possible: the Ritz values are the exact eigenvalues of T's span.
   */
  public boolean exhausted() {
    return exhausted;
  }

  /** The diagonal of T. */
  public double[] alpha() {
    return alpha.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The off-diagonal of T ({@code steps() - 1} entries) followed, unless {@link #exhausted()}, by
   * the norm of the next residual, which bounds how far each Ritz pair is from an eigenpair.
   */
  public double[] beta() {
    return beta.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Eigen-decomposition of the current T (Ritz values ascending, eigenvectors of T). */
  public TridiagonalEigen ritz() {
    if (steps() == 0) {
      throw new IllegalStateException("no Lanczos step taken yet");
    }
    return TridiagonalEigen.of(alpha(), beta());
  }

  /**
   * {@code ||A y - theta y||} for Ritz pair {@code j} of {@link #ritz()}: the last residual norm
   * times the last component of the pair's eigenvector of T. Zero when exhausted.
   */
  public double residualNorm(TridiagonalEigen ritz, int j) {
    if (exhausted) {
      return 0;
    }
    double lastBeta = beta.get(beta.size() - 1);
    return Math.abs(lastBeta * ritz.vectors()[steps() - 1][j]);
  }
}
