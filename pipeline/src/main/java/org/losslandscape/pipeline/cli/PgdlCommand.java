package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.losslandscape.pipeline.PgdlPipeline;
import org.losslandscape.pipeline.config.StudySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pgdl TASK_DIR}: every measure of every model of a PGDL task, scored against the gaps. */
@Command(
    name = "pgdl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Reads a task of the NeurIPS 2020 'Predicting Generalization in Deep Learning' competition"
          + " (TASK_DIR holds dataset_1/ and model_<id>/ folders and model_configs.json, here or"
          + " in ../../reference_data/<task>/), computes the --measures of every model on"
          + " --landscape-samples training examples, and scores each measure by the competition's"
          + " conditional mutual information and by Kendall's tau against the recorded gaps."
          + " Writes pgdl.json and PGDL.md to --out.",
      "",
      "Example: loss-landscape pgdl public_data/input_data/task1_v4 --measures hessian,"
          + "spectral-norm --out pgdl-task1",
      ""
    })
public final class PgdlCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TASK_DIR", description = "The task folder.")
  Path task;

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin CacheOptions cache = new CacheOptions();

  @Mixin SliceOptions slice = new SliceOptions();

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    StudySettings settings = SettingsFactory.standalone(common, output, cache, slice, null);
    OutputFolder.prepare(settings.output().directory());
    CommandSetup.wired(settings, PgdlPipeline.class).run(task);
    return ExitCodes.OK;
  }
}
