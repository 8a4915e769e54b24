package org.losslandscape.pipeline.cli;

import org.losslandscape.pipeline.stages.ReportStage;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the tool's version; TensorFlow's is in summary.json (loading it takes
 * seconds).
 */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"loss-landscape " + ReportStage.VERSION + " (TensorFlow Java 1.1.0)"};
  }
}
