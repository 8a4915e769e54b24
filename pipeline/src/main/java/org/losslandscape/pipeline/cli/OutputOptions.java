package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import org.losslandscape.pipeline.config.OutputSettings;
import picocli.CommandLine.Option;

/** Options of what a run writes (the output folder, the figures) and how it shows progress. */
public final class OutputOptions {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = OutputSettings.defaults().directory();

  @Option(names = "--log-scale", description = "Logarithmic colour scale in the figures.")
  boolean logScale = OutputSettings.defaults().logScale();

  @Option(names = "--no-plots", description = "Skip the figures (numbers and arrays only).")
  boolean noPlots = !OutputSettings.defaults().plots();

  @Option(
      names = "--progress",
      paramLabel = "auto|bar|log",
      description =
          "Progress of training and slicing: a live bar, or a log line every few seconds (default:"
              + " ${DEFAULT-VALUE}: the bar on an interactive terminal, log lines otherwise).")
  String progress = OutputSettings.defaults().progress().label();
}
