package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helpers shared by the Jazzer fuzz tests of the readers of user files.
 *
 * <p>One fuzz input can stand for several files (a model folder, the four data set files): the
 * files' contents joined by {@link #SEPARATOR}. A separator line is easy for the fuzzer to find,
 * keep or duplicate, unlike length prefixes that almost every mutation would break; the seed
 * generator {@code src/test/python/make_fixtures.py} writes seeds the same way.
 */
public final class FuzzInputs {

  /**
   * What reading one fuzz input may allocate: far above the megabytes a gzip input of a few
   * kilobytes can unpack to, far below what trusting a size field (gigabytes) would take.
   */
  public static final long ALLOCATION_BUDGET_BYTES = 256L << 20;

  /** Between the files of one input. */
  public static final byte[] SEPARATOR = "\n--next-file--\n".getBytes(StandardCharsets.US_ASCII);

  private FuzzInputs() {}

  /** The parts of {@code input} between separators (one part if there is none). */
  public static List<byte[]> split(byte[] input) {
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + SEPARATOR.length <= input.length; i++) {
      if (matchesAt(input, i)) {
        parts.add(java.util.Arrays.copyOfRange(input, start, i));
        start = i + SEPARATOR.length;
        i = start - 1;
      }
    }
    parts.add(java.util.Arrays.copyOfRange(input, start, input.length));
    return parts;
  }

  /**
   * Checks the contract of every reader of user files: the failure is the tool's one-line exception
   * type (the CLI prints only its message), says something, and names {@code path}. Fuzz inputs are
   * a few kilobytes, so a reader that reports running out of heap (its advice is to raise -Xmx)
   * allocated far more than the input justifies: that is a finding too.
   */
  public static void assertOneLineNaming(RuntimeException failure, String path) {
    assertThat(failure.getMessage()).isNotBlank().doesNotContain("\n", "\r", "-Xmx").contains(path);
  }

  /** A piece of a fuzz test that may throw, run by {@link #withinAllocationBudget}. */
  @FunctionalInterface
  public interface Check {
    /** Runs the check. */
    void run() throws Exception;
  }

  /**
   * Runs {@code check} and fails if the current thread allocated more than {@code budgetBytes}
   * meanwhile. Fuzz inputs are a few kilobytes, so a reader that allocates hundreds of megabytes
   * trusted a size from the file without checking it against the file's length; with the test heap
   * of several gigabytes that would otherwise go unnoticed until a real file crashes the tool.
   */
  public static void withinAllocationBudget(long budgetBytes, Check check) throws Exception {
    long used = allocatedBy(check);
    if (used > budgetBytes) {
      // The first input of a new kind loads classes, and while fuzzing Jazzer instruments them on
      // this thread, which counts here too (300 MB was seen). Only an input that allocates too
      // much again, with every class loaded, is a finding.
      used = allocatedBy(check);
    }
    assertThat(used)
        .as("bytes allocated while reading one fuzz input")
        .isLessThanOrEqualTo(budgetBytes);
  }

  private static long allocatedBy(Check check) throws Exception {
    long before = allocatedBytes();
    check.run();
    return allocatedBytes() - before;
  }

  /** HotSpot's count of the bytes the current thread has allocated so far. */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** Deletes {@code folder} and everything in it; fuzzing writes thousands of them. */
  public static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean matchesAt(byte[] input, int offset) {
    for (int k = 0; k < SEPARATOR.length; k++) {
      if (input[offset + k] != SEPARATOR[k]) {
        return false;
      }
    }
    return true;
  }
}
