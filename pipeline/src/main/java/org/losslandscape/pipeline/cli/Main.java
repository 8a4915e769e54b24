package org.losslandscape.pipeline.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.losslandscape.models.device.GpuUnavailableException;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.PendingWrites;
import org.losslandscape.pipeline.io.ResultsException;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar loss-landscape.jar}. Turns every expected failure into one line
 * on stderr and a documented exit code; stack traces only with {@code --verbose}. A run stopped by
 * Ctrl-C or SIGTERM says so in one line and leaves no temporary file (see {@link
 * #stoppedBySignal}).
 */
public final class Main {

  private Main() {}

  /** How long a stop by a signal waits for the writes in progress to finish. */
  static final Duration STOP_WAIT = Duration.ofSeconds(5);

  public static void main(String[] args) {
    Thread onSignal = new Thread(() -> stoppedBySignal(System.err), "loss-landscape-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    int code = run(args);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException e) {
      // a signal came as the run ended: the hook is running and says so
    }
    System.exit(code);
  }

  /**
   * What a run stopped before its end (SIGTERM, Ctrl-C, the JVM exiting for another reason) does in
   * its last moments: lets the writes in progress finish for up to {@link #STOP_WAIT}, starts no
   * new one, removes the temporary files of those that did not finish, and says so in one line.
   * Whatever was renamed into place stays whole: the next run of the same command reuses the cached
   * models and slices and resumes.
   */
  static void stoppedBySignal(PrintStream err) {
    int removed = PendingWrites.process().stop(STOP_WAIT);
    // On a terminal a progress bar may hold the line; start a fresh one.
    err.println(
        (System.console() != null ? "\n" : "")
            + "loss-landscape: stopped before the end (Ctrl-C or SIGTERM); "
            + (removed == 0
                ? "no file was left half-written"
                : removed + " unfinished temporary file(s) removed")
            + "; run the same command again to resume from the models and slices finished so far");
    err.flush();
  }

  /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with errors written to {@code err}. Nothing escapes as a stack trace:
   * picocli hands exceptions to the handler below, and an {@link Error} (out of memory, a native
   * library that fails to load) is caught here and reported in one line too.
   */
  public static int run(PrintWriter err, String... args) {
    try {
      return execute(err, args);
    } catch (Error e) {
      if (List.of(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      err.println("loss-landscape: " + oneLine(e));
      err.flush();
      return ExitCodes.FAILED;
    }
  }

  private static int execute(PrintWriter err, String... args) {
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new StudyCommand());
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine()
              .getErr()
              .println("loss-landscape: " + e.getMessage() + " (see --help)");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter out = commandLine.getErr();
          boolean verbose =
              parseResult.hasMatchedOption("--verbose")
                  || (parseResult.subcommand() != null
                      && parseResult.subcommand().hasMatchedOption("--verbose"));
          if (verbose) {
            e.printStackTrace(out);
          }
          out.println("loss-landscape: " + oneLine(e));
          out.flush();
          return exitCode(e);
        });
    return cli.execute(args);
  }

  static int exitCode(Throwable e) {
    e = unwrap(e);
    if (e instanceof GpuUnavailableException) {
      return ExitCodes.NO_GPU;
    }
    if (e instanceof UsageException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILED;
  }

  /** Guice wraps exceptions thrown while building stages; the user wants the cause. */
  static Throwable unwrap(Throwable e) {
    while ((e instanceof com.google.inject.ProvisionException
            || e instanceof com.google.inject.CreationException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static String oneLine(Throwable e) {
    e = unwrap(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof OutOfMemoryError) {
      return "out of memory ("
          + message
          + "): the run needs more than the "
          + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MB this JVM may use; use a smaller --grid-size, fewer --direction-pairs or"
          + " --landscape-samples, or raise -Xmx (rerun with --verbose for details)";
    }
    if (e instanceof GpuUnavailableException) {
      return FlagNames.translate(message);
    }
    if (!(e instanceof DataException
        || e instanceof ResultsException
        || e instanceof UsageException
        || e instanceof GpuUnavailableException)) {
      message =
          "unexpected "
              + e.getClass().getSimpleName()
              + ": "
              + message
              + " (rerun with --verbose for details)";
    }
    return message.lines().findFirst().orElse(message);
  }

  static void configureLogging(boolean verbose) {
    if (verbose) {
      Configurator.setRootLevel(Level.DEBUG);
    }
  }
}
