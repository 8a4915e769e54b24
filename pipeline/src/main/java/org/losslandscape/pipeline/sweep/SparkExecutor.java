package org.losslandscape.pipeline.sweep;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.resource.ResourceInformation;

/**
 * Runs a sweep's tasks on Apache Spark: the list of stacks is parallelized with one partition per
 * stack, so each stack of sweep tasks is one Spark task, which builds its TensorFlow graphs inside
 * the executor. A task lost with its executor is run again elsewhere by Spark; because tasks store
 * their results atomically and skip finished work, a retry never mixes two attempts.
 *
 * <p>This is the only class that uses Spark; Spark is a {@code provided} dependency, present under
 * {@code spark-submit} and in the tests, absent from the default jar.
 */
final class SparkExecutor implements SweepExecutor {

  private static final Logger LOG = LogManager.getLogger(SparkExecutor.class);

  private final JavaSparkContext spark;

  /**
   * Connects to {@code master}, or to the master spark-submit configured when empty.
   *
   * @throws IllegalArgumentException when no master is given either way
   */
  SparkExecutor(Optional<String> master) {
    SparkConf conf = new SparkConf().setAppName("loss-landscape sweep");
    master.ifPresent(conf::setMaster);
    if (!conf.contains("spark.master")) {
      throw new IllegalArgumentException(
          "no Spark master: give its URL (spark://host:7077, local[N], yarn, k8s://...) or start"
              + " the sweep with spark-submit --master");
    }
    if (conf.get("spark.master").startsWith("local")) {
      // A local Spark is this process: keep it on the loopback interface and without a web UI.
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    this.spark = new JavaSparkContext(conf);
    LOG.info(
        "Spark {} on {} (application {})",
        spark.version(),
        spark.master(),
        spark.sc().applicationId());
  }

  @Override
  public int threadsPerTask(int requested) {
    // Spark gives each task spark.task.cpus cores of its executor; TensorFlow gets as many threads.
    return requested > 0 ? requested : spark.getConf().getInt("spark.task.cpus", 1);
  }

  @Override
  public List<SweepTaskResult> run(SweepJob job, List<SweepStack> stacks) {
    int tasks = stacks.stream().mapToInt(s -> s.tasks().size()).sum();
    spark.setJobGroup("sweep", tasks + " sweep tasks in " + stacks.size() + " stacks", false);
    return spark.parallelize(stacks, stacks.size()).flatMap(new RunStack(job)).collect();
  }

  @Override
  public int slots() {
    return spark.defaultParallelism();
  }

  @Override
  public String kind() {
    return "spark";
  }

  @Override
  public String master() {
    return spark.master();
  }

  @Override
  public int parallel() {
    return 0;
  }

  @Override
  public void close() {
    spark.close();
  }

  /** The function Spark ships to its executors: run one stack of sweep tasks there. */
  private static final class RunStack implements FlatMapFunction<SweepStack, SweepTaskResult> {
    private static final long serialVersionUID = 1L;

    private final SweepJob job;

    RunStack(SweepJob job) {
      this.job = job;
    }

    @Override
    public Iterator<SweepTaskResult> call(SweepStack stack) {
      TaskContext context = TaskContext.get();
      // With GPU scheduling (spark.task.resource.gpu.amount) Spark names the task's GPU; the task
      // uses the executor's first visible GPU, so the cluster must show each executor only its own
      // (gpu-docs/README.md, "Sweeps on Spark with GPUs").
      ResourceInformation gpu = context.resourcesJMap().get("gpu");
      String ranOn =
          "Spark executor "
              + SparkEnv.get().executorId()
              + " attempt "
              + context.attemptNumber()
              + " on "
              + SweepTaskRunner.thisProcess()
              + (gpu == null ? "" : ", GPU " + String.join(",", gpu.addresses()));
      return new SweepTaskRunner(job).run(stack, ranOn).iterator();
    }
  }
}
