package org.losslandscape.pipeline.sweep;

import java.util.List;

/** Runs the tasks of a sweep somewhere and brings their results back, in task order. */
public interface SweepExecutor extends AutoCloseable {

  /**
   * TensorFlow intra-op threads each task may use, given the threads the user asked for (0 = let
   * the executor split the cores).
   */
  int threadsPerTask(int requested);

  /**
   * Runs every stack of tasks of {@code job} and returns every task's result, stack by stack in the
   * order of {@code stacks}. Tasks that finish are stored as they finish, so a failed sweep rerun
   * with the same settings only runs the tasks that did not finish.
   */
  List<SweepTaskResult> run(SweepJob job, List<SweepStack> stacks);

  /** Stacks the executor runs at once: the sweep plans at least this many where it can. */
  int slots();

  /** Where the tasks run, for logs and {@code sweep.json}: {@code embedded} or {@code spark}. */
  String kind();

  /** The Spark master URL, or empty for the embedded executor. */
  String master();

  /** Tasks run at once (embedded), or 0 when the cluster decides (Spark). */
  int parallel();

  /** Releases the executor's threads or cluster connection. */
  @Override
  void close();
}
