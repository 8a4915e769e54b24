package org.losslandscape.pipeline.results;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link CacheLockTest}: takes the exclusive lock of the cache folder given as
 * its argument, prints {@code locked}, and holds the lock until a line arrives on its input.
 */
public final class HoldCacheLock {

  private HoldCacheLock() {}

  /** {@code HoldCacheLock FOLDER}. */
  public static void main(String[] args) throws Exception {
    new CacheLock(Path.of(args[0]))
        .exclusive(
            () -> {
              System.out.println("locked");
              System.out.flush();
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .readLine();
              return null;
            });
    System.out.println("released");
  }
}
