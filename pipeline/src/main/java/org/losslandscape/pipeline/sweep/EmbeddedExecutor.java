package org.losslandscape.pipeline.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a sweep's stacks of tasks on this machine, at most {@code parallel} at a time, each in its
 * own thread with its own TensorFlow graphs and sessions. The cores are split between the
 * concurrent stacks ({@link SweepJob#threadsPerTask}).
 *
 * <p>A failing stack does not stop the others: every stack runs, the finished tasks are stored, and
 * then the first failure is rethrown as it was (so the command reports it as a study would).
 */
public final class EmbeddedExecutor implements SweepExecutor {

  private static final Logger LOG = LogManager.getLogger(EmbeddedExecutor.class);

  private final int parallel;
  private final int cores;
  private final ExecutorService pool;

  /** An executor for {@code parallel} concurrent tasks on this machine's cores. */
  public EmbeddedExecutor(int parallel) {
    this(parallel, Runtime.getRuntime().availableProcessors());
  }

  EmbeddedExecutor(int parallel, int cores) {
    if (parallel < 1) {
      throw new IllegalArgumentException("concurrent sweep tasks must be >= 1, got " + parallel);
    }
    this.parallel = parallel;
    this.cores = cores;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "sweep-task-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public int threadsPerTask(int requested) {
    return SweepJob.threadsPerTask(requested, cores, parallel);
  }

  @Override
  public List<SweepTaskResult> run(SweepJob job, List<SweepStack> stacks) {
    SweepTaskRunner runner = new SweepTaskRunner(job);
    String process = SweepTaskRunner.thisProcess();
    List<Future<List<SweepTaskResult>>> futures = new ArrayList<>();
    for (SweepStack stack : stacks) {
      futures.add(
          pool.submit(
              () -> runner.run(stack, Thread.currentThread().getName() + " on " + process)));
    }
    List<SweepTaskResult> results = new ArrayList<>();
    RuntimeException firstFailure = null;
    int failures = 0;
    int tasks = 0;
    for (int i = 0; i < futures.size(); i++) {
      tasks += stacks.get(i).tasks().size();
      try {
        results.addAll(futures.get(i).get());
      } catch (ExecutionException e) {
        failures++;
        RuntimeException cause = asRuntime(e.getCause());
        LOG.error("{}: failed: {}", stacks.get(i).id(), cause.getMessage());
        if (firstFailure == null) {
          firstFailure = cause;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
        throw new IllegalStateException("interrupted while waiting for the sweep's tasks", e);
      }
    }
    if (firstFailure != null) {
      LOG.error(
          "{} of {} sweep stacks ({} tasks) failed; the tasks that finished are stored and a rerun"
              + " of the same command skips them",
          failures,
          stacks.size(),
          tasks);
      throw firstFailure;
    }
    return results;
  }

  private static RuntimeException asRuntime(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t.getMessage(), t);
  }

  @Override
  public int slots() {
    return parallel;
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public String master() {
    return "";
  }

  @Override
  public int parallel() {
    return parallel;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
