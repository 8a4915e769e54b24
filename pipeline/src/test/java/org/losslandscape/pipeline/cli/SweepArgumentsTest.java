package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.ProgressMode;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.sweep.SweepJob;
import picocli.CommandLine;

/** What a task parses is what the sweep command parsed, with absolute folders and its threads. */
class SweepArgumentsTest {

  @Test
  void aTaskGetsTheSweepsSettingsWithAbsoluteFoldersAndItsThreads() {
    List<String> args =
        List.of(
            "--lrs",
            "0.2,0.02",
            "--batches",
            "16",
            "--seeds",
            "3",
            "--steps",
            "500",
            "--optimizer",
            "sam",
            "--rho",
            "0.1",
            "--hidden",
            "32",
            "--grid-size",
            "9",
            "--normalization",
            "layer",
            "--eps",
            "0.3",
            "--measures",
            "hessian",
            "--data-dir",
            "data",
            "--out",
            "out",
            "--cache-dir",
            "cache",
            "--threads",
            "4",
            "--parallel",
            "2");
    CommandLine cli = new CommandLine(new SweepCommand());
    cli.parseArgs(args.toArray(String[]::new));
    SweepCommand command = cli.getCommand();
    StudySettings onTheDriver = command.settings(command.sweepSettings());

    // As a task reads them: through the parser its job carries.
    StudySettings inTheTask =
        new SweepJob(
                SweepArguments.forTasks(args, onTheDriver, 1),
                "loss-landscape sweep",
                SweepArguments.Parser.SWEEP_COMMAND)
            .settings();

    Path here = Path.of("").toAbsolutePath();
    assertThat(inTheTask)
        .isEqualTo(
            new StudySettings(
                DataSettings.idx(here.resolve("data")),
                new DeviceSettings(
                    onTheDriver.device().request(),
                    false,
                    1,
                    onTheDriver.device().stepsPerRun(),
                    1,
                    onTheDriver.device().maxStack()),
                new OutputSettings(here.resolve("out"), true, false, ProgressMode.LOG),
                new CacheSettings(here.resolve("cache"), false),
                onTheDriver.training(),
                onTheDriver.slice(),
                onTheDriver.measures()));
    assertThat(inTheTask.training().recipes())
        .isEqualTo(new SweepGrid(List.of(0.2, 0.02), List.of(16)).recipes());
    assertThat(inTheTask.training().optimizer().toString()).contains("0.1");
  }

  /** npy arrays travel with absolute paths (the later option overrides the relative one). */
  @Test
  void aTaskGetsTheNpyArraysWithAbsolutePathsAndTheLayout() {
    for (List<String> given :
        List.of(
            List.of("--lrs", "0.1", "--data-npy", "x.npy,y.npy", "--data-layout", "nchw"),
            List.of("--data-npy=x.npy,y.npy", "--lrs", "0.1", "--data-layout", "nchw"))) {
      CommandLine cli = new CommandLine(new SweepCommand());
      cli.parseArgs(given.toArray(String[]::new));
      SweepCommand command = cli.getCommand();
      StudySettings onTheDriver = command.settings(command.sweepSettings());

      StudySettings inTheTask =
          new SweepJob(
                  SweepArguments.forTasks(given, onTheDriver, 1),
                  "loss-landscape sweep",
                  SweepArguments.Parser.SWEEP_COMMAND)
              .settings();

      Path here = Path.of("").toAbsolutePath();
      assertThat(inTheTask.data())
          .isEqualTo(
              new DataSettings(
                  new DataSettings.Source.NpyArrays(
                      here.resolve("x.npy"),
                      here.resolve("y.npy"),
                      java.util.Optional.empty(),
                      org.losslandscape.pipeline.config.ArrayLayout.NCHW)));
    }
  }

  /** The sweep's own options, raw, whatever precedes the command name or equals it. */
  @Test
  void theSweepsOwnOptionsAreWhatTravels() {
    CommandLine cli = new CommandLine(new StudyCommand());
    cli.parseArgs(
        "--verbose", "sweep", "--out", "sweep", "--lrs", "0.1,0.01", "--no-plots", "--seeds", "2");
    SweepCommand sweep = cli.getSubcommands().get("sweep").getCommand();
    assertThat(sweep.sweepArguments())
        .containsExactlyInAnyOrder(
            "--out", "sweep", "--lrs", "0.1,0.01", "--no-plots", "--seeds", "2");
    assertThat(sweep.sweepArguments())
        .containsSubsequence("--out", "sweep")
        .containsSubsequence("--lrs", "0.1,0.01")
        .containsSubsequence("--seeds", "2");
    assertThat(SweepArguments.settings(sweep.sweepArguments()).training().seeds()).isEqualTo(2);
  }
}
