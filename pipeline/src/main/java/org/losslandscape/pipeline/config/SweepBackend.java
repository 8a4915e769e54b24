package org.losslandscape.pipeline.config;

import java.util.Optional;

/** Where the tasks of a sweep run. */
public sealed interface SweepBackend {

  /**
   * On this machine, at most {@code parallel} tasks at a time, the cores split between them.
   *
   * @param parallel tasks run at once
   */
  record Embedded(int parallel) implements SweepBackend {
    public Embedded {
      if (parallel < 1) {
        throw new IllegalArgumentException("concurrent sweep tasks must be >= 1, got " + parallel);
      }
    }
  }

  /**
   * On Apache Spark, one Spark task per sweep task.
   *
   * @param master the master URL ({@code spark://host:7077}, {@code local[N]}, {@code yarn}, {@code
   *     k8s://...}); empty when spark-submit gives it
   */
  record Spark(Optional<String> master) implements SweepBackend {
    public Spark {
      if (master.isPresent() && master.get().isBlank()) {
        throw new IllegalArgumentException("the Spark master URL must not be blank");
      }
    }
  }
}
