package org.losslandscape.pipeline.cli;

import java.io.PrintWriter;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.losslandscape.models.device.GpuUnavailableException;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.ResultsException;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar loss-landscape.jar}. Turns every expected failure into one line
 * on stderr and a documented exit code; stack traces only with {@code --verbose}.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
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
