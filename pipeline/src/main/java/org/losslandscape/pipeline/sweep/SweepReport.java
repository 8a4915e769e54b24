package org.losslandscape.pipeline.sweep;

import java.util.List;

/**
 * {@code sweep.json}: how a sweep ran, next to the study's {@code summary.json} (which has the same
 * schema as any study's): the grid, where the tasks ran, and each task's time and place.
 *
 * @param format {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param executor {@code embedded} or {@code spark}
 * @param master the Spark master URL (Spark only)
 * @param parallel tasks run at once (embedded only)
 * @param threadsPerTask TensorFlow intra-op threads of each task
 * @param learningRates the grid's learning rates
 * @param batchSizes the grid's batch sizes
 * @param seeds training seeds per recipe
 * @param tasks tasks in the sweep
 * @param tasksRun tasks this run computed
 * @param tasksResumed tasks found finished by an earlier run
 * @param tasksSeconds wall-clock seconds until every task had finished
 * @param taskRuns one line per task, in task order
 */
public record SweepReport(
    String format,
    int formatVersion,
    String executor,
    String master,
    Integer parallel,
    int threadsPerTask,
    List<Double> learningRates,
    List<Integer> batchSizes,
    int seeds,
    int tasks,
    int tasksRun,
    int tasksResumed,
    double tasksSeconds,
    List<TaskLine> taskRuns) {

  /** The value of {@link #format()}. */
  public static final String FORMAT = "loss-landscape-sweep";

  /** The value of {@link #formatVersion()}. */
  public static final int FORMAT_VERSION = 1;

  public SweepReport {
    learningRates = List.copyOf(learningRates);
    batchSizes = List.copyOf(batchSizes);
    taskRuns = List.copyOf(taskRuns);
  }

  /**
   * One task.
   *
   * @param id the task's id, also its file name in {@code tasks/}
   * @param folder its run folder in the output
   * @param learningRate its learning rate
   * @param batchSize its batch size
   * @param seed its training seed
   * @param status how training ended
   * @param resumed found finished by an earlier run (its time and place are that run's)
   * @param weightsFromCache the weights came from the weights cache
   * @param ranOn where it ran
   * @param seconds its wall-clock time
   */
  public record TaskLine(
      String id,
      String folder,
      double learningRate,
      int batchSize,
      long seed,
      String status,
      boolean resumed,
      boolean weightsFromCache,
      String ranOn,
      double seconds) {

    static TaskLine of(SweepTaskResult r) {
      return new TaskLine(
          r.task().id(),
          r.task().run().folder(),
          r.task().learningRate(),
          r.task().batchSize(),
          r.task().seed(),
          r.training().status().label(),
          r.resumed(),
          r.training().fromCache(),
          r.ranOn(),
          r.seconds());
    }
  }
}
