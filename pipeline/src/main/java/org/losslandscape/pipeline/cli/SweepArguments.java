package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.sweep.SweepJob;
import picocli.CommandLine;

/**
 * A sweep's settings as they travel to its tasks: the sweep command's own arguments. The machine
 * that starts the sweep writes in what must not depend on the machine that runs a task (absolute
 * folders, the threads per task); a task parses them with the sweep command's own parser, so both
 * sides hold the same settings by construction.
 */
public final class SweepArguments {

  /** {@link #settings} as the parser a {@link SweepJob} carries to its tasks. */
  enum Parser implements SweepJob.Parser {
    SWEEP_COMMAND;

    @Override
    public StudySettings settings(List<String> arguments) {
      return SweepArguments.settings(arguments);
    }
  }

  private SweepArguments() {}

  /** The study settings {@code arguments} stand for, parsed as the sweep command parses them. */
  public static StudySettings settings(List<String> arguments) {
    CommandLine cli = new CommandLine(new SweepCommand()).setOverwrittenOptionsAllowed(true);
    cli.parseArgs(arguments.toArray(String[]::new));
    SweepCommand command = cli.getCommand();
    return command.settings(SettingsFactory.sweep(command.sweep, false));
  }

  /**
   * {@code arguments} (the sweep command's, without the command name) with the folders of {@code
   * settings} made absolute and {@code threadsPerTask} TensorFlow threads: later options override
   * earlier ones.
   */
  static List<String> forTasks(List<String> arguments, StudySettings settings, int threadsPerTask) {
    List<String> out = new ArrayList<>(arguments);
    out.addAll(List.of("--out", absolute(settings.output().directory())));
    out.addAll(List.of("--cache-dir", absolute(settings.cache().directory())));
    settings.data().directory().ifPresent(d -> out.addAll(List.of("--data-dir", absolute(d))));
    if (settings.data().source() instanceof DataSettings.Source.NpyArrays arrays) {
      out.addAll(
          List.of(
              "--data-npy",
              String.join(",", arrays.files().stream().map(SweepArguments::absolute).toList())));
    }
    out.addAll(List.of("--threads", Integer.toString(threadsPerTask)));
    // The executor runs stacks side by side already: each trains its own stack on one lane.
    out.addAll(List.of("--lanes", "1"));
    // Concurrent tasks share one terminal (or none, on an executor): a live bar per task would
    // interleave, so tasks report progress as log lines.
    out.addAll(List.of("--progress", "log"));
    return out;
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
