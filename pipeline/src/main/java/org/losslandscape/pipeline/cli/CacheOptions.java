package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import org.losslandscape.pipeline.config.CacheSettings;
import picocli.CommandLine.Option;

/** Options of the cache of trained weights and finished slices. */
public final class CacheOptions {

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Cache of trained weights and finished slices (default:"
              + " ~/.cache/loss-landscape/models); a killed run resumes from it.")
  Path cacheDir = CacheSettings.defaults().directory();

  @Option(names = "--retrain", description = "Ignore cached weights and train again.")
  boolean retrain = CacheSettings.defaults().retrain();
}
