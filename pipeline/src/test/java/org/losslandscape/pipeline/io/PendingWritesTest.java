package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stop by a signal does to the writes in progress (each test has its own {@link
 * PendingWrites}, since a stopped one stays stopped): a write that ends in time is published whole,
 * one that does not has its temporary removed, and none starts after the stop.
 */
class PendingWritesTest {

  @TempDir Path folder;

  /** A thread that is a daemon, so that one left waiting for "the JVM's exit" never holds it up. */
  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStopRemovesTheTemporariesOfAWriteThatDoesNotEndInTime() throws Exception {
    PendingWrites writes = new PendingWrites();
    Path temp = Files.writeString(folder.resolve(".result.npy.tmp-1"), "half of it");
    Path tempFolder = Files.createDirectories(folder.resolve(".entry.tmp-1/weights"));
    Files.writeString(tempFolder.resolve("dense0.kernel.npy"), "x");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    daemon(
        () -> {
          try {
            writes.run(
                () -> {
                  writes.register(temp);
                  writes.register(folder.resolve(".entry.tmp-1"));
                  writing.countDown();
                  await(never);
                  return null;
                });
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    int removed = writes.stop(Duration.ofMillis(200));

    assertThat(removed).isEqualTo(2);
    assertThat(temp).doesNotExist();
    assertThat(folder.resolve(".entry.tmp-1")).doesNotExist();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(writes.registered()).isEmpty();
  }

  @Test
  void aWriteInProgressFinishesBeforeTheStopAndIsNotRemoved() throws Exception {
    PendingWrites writes = new PendingWrites();
    Path temp = folder.resolve(".summary.json.tmp-7");
    Path target = folder.resolve("summary.json");
    CountDownLatch writing = new CountDownLatch(1);
    Thread writer =
        daemon(
            () -> {
              try {
                writes.run(
                    () -> {
                      Files.writeString(temp, "{\"whole\": true}");
                      writes.register(temp);
                      writing.countDown();
                      sleep(300); // still writing when the stop comes
                      Files.move(temp, target);
                      writes.unregister(temp);
                      return null;
                    });
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

    int removed = writes.stop(Duration.ofSeconds(5));

    assertThat(removed).isZero();
    assertThat(target).hasContent("{\"whole\": true}");
    assertThat(temp).doesNotExist();
    writer.join(5000);
    assertThat(writer.isAlive()).isFalse();
  }

  @Test
  void noWriteStartsAfterAStopButANestedOneFinishesItsOuterWrite() throws Exception {
    PendingWrites writes = new PendingWrites();
    writes.stop(Duration.ofMillis(10));
    AtomicReference<String> ran = new AtomicReference<>("no");
    Thread late =
        daemon(
            () -> {
              try {
                writes.run(
                    () -> {
                      ran.set("yes");
                      return null;
                    });
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    late.join(300);
    assertThat(late.isAlive()).as("a write after the stop waits for the JVM's exit").isTrue();
    assertThat(ran.get()).isEqualTo("no");

    // A write that was running when the stop came may still write its nested parts.
    PendingWrites other = new PendingWrites();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<String> nested = new AtomicReference<>("no");
    Thread outer =
        daemon(
            () -> {
              try {
                other.run(
                    () -> {
                      inside.countDown();
                      await(stopped);
                      return other.run(
                          () -> {
                            nested.set("yes");
                            return null;
                          });
                    });
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    Thread stopper = daemon(() -> other.stop(Duration.ofSeconds(5)));
    while (stopper.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait(); // the stop is under way: it waits for the outer write
    }
    stopped.countDown();
    outer.join(5000);
    stopper.join(5000);
    assertThat(nested.get()).isEqualTo("yes");
    assertThat(outer.isAlive()).isFalse();
    assertThat(stopper.isAlive()).isFalse();
  }
}
