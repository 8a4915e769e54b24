package org.losslandscape.pipeline.cli;

/**
 * An impossible or contradictory command line (exit code 2). Only option validation throws it, so
 * that an {@link IllegalArgumentException} from deeper down is reported as a failure, not as the
 * user's mistake.
 */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
