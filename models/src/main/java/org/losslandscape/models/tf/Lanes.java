package org.losslandscape.models.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Independent pieces of TensorFlow work (training stacks, slices, one model's measures) run on
 * {@code count} concurrent lanes, each lane a thread with sessions of its own.
 *
 * <p>Why lanes: on a CPU the tool's ops are too small to split well across cores. A stack's
 * training step, a slice's rows and a Hessian-vector product all ran at most ~15% faster on two
 * threads than on one here (2 cores), and at batch 32 a training step ran three times slower. Two
 * single-threaded sessions side by side, one per core, do nearly twice the work of one. On a GPU
 * one lane feeds the device.
 *
 * <p>Each session gets its own inter-op thread pool ({@link ExecutionSettings}); the intra-op pool
 * is TensorFlow's, one per process, sized by the first session of the process (unless {@code
 * TF_OVERRIDE_GLOBAL_THREADPOOL=1} gives every session its own): lanes work best when every session
 * asks for the same number of threads, which the wiring ensures.
 *
 * @param count lanes, at least 1; with 1 everything runs in the calling thread
 */
public record Lanes(int count) {

  public Lanes {
    if (count < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + count);
    }
  }

  /** One lane: everything in the calling thread, in order. */
  public static Lanes one() {
    return new Lanes(1);
  }

  /**
   * {@code work} applied to every item, up to {@code count} at a time; results in the order of
   * {@code items}. Items are taken in order as lanes free up.
   *
   * @throws RuntimeException the first failure, after the work already running has ended; items not
   *     yet started are not started
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> work) {
    return map(items, () -> NOTHING, (ignored, item) -> work.apply(item));
  }

  /**
   * As {@link #map(List, Function)}, with a resource per lane (e.g. a graph with the data loaded)
   * made by {@code perLane} before the lane's first item and closed after its last.
   */
  public <S extends AutoCloseable, T, R> List<R> map(
      List<T> items, Supplier<S> perLane, BiFunction<S, T, R> work) {
    Object[] results = new Object[items.size()];
    int threads = Math.min(count, items.size());
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Runnable lane =
        () -> {
          S resource = null;
          try {
            for (int i = next.getAndIncrement();
                i < items.size() && failures.isEmpty();
                i = next.getAndIncrement()) {
              if (resource == null) {
                resource = perLane.get();
              }
              results[i] = work.apply(resource, items.get(i));
            }
          } catch (RuntimeException | Error e) {
            failures.add(e);
          } finally {
            close(resource, failures);
          }
        };
    if (threads <= 1) {
      lane.run();
    } else {
      runOnThreads(lane, threads, failures);
    }
    if (!failures.isEmpty()) {
      rethrow(failures.get(0));
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Arrays.asList(results);
    return out;
  }

  private static void runOnThreads(Runnable lane, int threads, List<Throwable> failures) {
    AtomicInteger named = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "lane-" + named.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        running.add(pool.submit(lane));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failures.add(new IllegalStateException("interrupted while waiting for the lanes", e));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void close(AutoCloseable resource, List<Throwable> failures) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception | Error e) {
      failures.add(e);
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t.getMessage(), t);
  }

  private static final AutoCloseable NOTHING = () -> {};
}
