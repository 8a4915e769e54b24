package org.losslandscape.models.curvature;

/**
 * A symmetric linear map known only through its products with vectors, such as the Hessian of a
 * loss at a point ({@link DifferentiableLoss#hessianAt}). Eigenvalue, trace and spectral-density
 * estimates need nothing else.
 */
public interface SymmetricOperator {

  /** Number of rows (and columns). */
  int dimension();

  /** The product of the operator with {@code vector}; the argument is not modified. */
  double[] apply(double[] vector);

  /**
   * The operator of an explicit symmetric matrix (row-major {@code double[n][n]}): for tests and
   * for small problems whose Hessian is written out.
   */
  static SymmetricOperator ofMatrix(double[][] matrix) {
    int n = matrix.length;
    for (double[] row : matrix) {
      if (row.length != n) {
        throw new IllegalArgumentException("a symmetric operator needs a square matrix");
      }
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = matrix[i].clone();
    }
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return n;
      }

      @Override
      public double[] apply(double[] vector) {
        if (vector.length != n) {
          throw new IllegalArgumentException(
              "vector has " + vector.length + " entries, operator has " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += copy[i][j] * vector[j];
          }
          out[i] = sum;
        }
        return out;
      }
    };
  }
}
