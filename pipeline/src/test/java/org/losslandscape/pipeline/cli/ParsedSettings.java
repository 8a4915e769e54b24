package org.losslandscape.pipeline.cli;

import org.losslandscape.pipeline.config.StudySettings;
import picocli.CommandLine;

/**
 * The settings a command line of the default command stands for, as the tool builds them, for tests
 * outside this package that build stages from real settings.
 */
public final class ParsedSettings {

  private ParsedSettings() {}

  /** The validated settings of {@code loss-landscape ARGS}; a later option overrides an earlier. */
  public static StudySettings study(String... args) {
    CommandLine cli = new CommandLine(new StudyCommand());
    cli.setOverwrittenOptionsAllowed(true);
    cli.parseArgs(args);
    return ((StudyCommand) cli.getCommand()).settings();
  }
}
