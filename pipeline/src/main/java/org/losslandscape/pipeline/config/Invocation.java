package org.losslandscape.pipeline.config;

/**
 * The command line a run was started with, quoted in the files that report its results (e.g. {@code
 * VERDICT.md}) so that anyone can run it again.
 *
 * @param commandLine the command, as a user would type it
 */
public record Invocation(String commandLine) {

  /** The default command with no options. */
  public static Invocation defaults() {
    return new Invocation("java -jar pipeline/target/loss-landscape.jar");
  }

  /** The jar's command with {@code args}. */
  public static Invocation of(java.util.List<String> args) {
    return new Invocation(
        args.isEmpty()
            ? defaults().commandLine()
            : defaults().commandLine() + " " + String.join(" ", args));
  }
}
