package org.losslandscape.pipeline.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that writing code can be handed to {@link
 * AtomicFiles#write(java.nio.file.Path, IOConsumer)} without wrapping every call.
 *
 * @param <T> what is consumed, typically an {@link java.io.OutputStream}
 */
@FunctionalInterface
public interface IOConsumer<T> {

  /** Consumes {@code value}, possibly failing with an I/O error. */
  void accept(T value) throws IOException;
}
