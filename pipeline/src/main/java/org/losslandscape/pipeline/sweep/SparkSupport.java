package org.losslandscape.pipeline.sweep;

import java.util.Optional;

/**
 * Opens the Spark executor only when Spark is on the class path (spark-submit puts it there; the
 * default jar does not carry it), so that every other command never touches a Spark class.
 */
public final class SparkSupport {

  private SparkSupport() {}

  /** True when the JVM was started by spark-submit, which passes the master as a property. */
  public static boolean launchedBySparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /** True when Spark's classes can be loaded. */
  public static boolean available() {
    try {
      Class.forName("org.apache.spark.api.java.JavaSparkContext", false, loader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * An executor on the Spark cluster at {@code master} (or spark-submit's when empty).
   *
   * @throws IllegalStateException when Spark is not on the class path
   */
  public static SweepExecutor open(Optional<String> master) {
    if (!available()) {
      throw new IllegalStateException(
          "Apache Spark is not on the class path: run the sweep through spark-submit (pipeline/README.md,"
              + " 'Sweeps on Spark'), or drop the Spark master to run it on this machine");
    }
    return new SparkExecutor(master);
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : SparkSupport.class.getClassLoader();
  }
}
